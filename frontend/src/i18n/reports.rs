//! Reports: the value pyramid (and the reports that follow it).

super::area! {
    /// One field per string; each line carries the zh-CN and the English text.
    pub struct Reports {
        reports_title: "经营报表" | "Reports",
        pyramid_title: "客户价值金字塔" | "Customer value pyramid",
        org: "机构" | "Organisation",
        export_csv: "导出 CSV" | "Export CSV",
        all_orgs: "全部(我的范围)" | "All within my reach",
        customers: "家客户" | "customers",
        customers_total: "客户合计" | "Customers",
        of_freight: "运费占比" | "of freight",
        freight_365: "近 365 天运费" | "Freight, 365 days",
        shipping: "有发货" | "Shipping",
        in_arrears: "欠款" | "In arrears",
        open_list: "查看客户名单" | "Open the list",
        as_of: "数据截至" | "As of",
        not_yet: "尚无数据:每晚计算一次。" | "No figures yet: computed nightly.",
        at_risk_title: "流失预警客户" | "Customers at risk",
        at_risk_hint: "系统按规则标记:久未发货或票量明显下降。价值高的排在前面;一键安排明天上午的挽回回访。"
            | "Marked by the rules: quiet for long, or volume well down. The most valuable first; plan tomorrow morning's win-back call in one tap.",
        quiet_for: "已" | "Quiet for",
        days: "天未发货" | "days",
        parcels_90: "90 天票量(上期 → 本期)" | "90-day parcels (before → now)",
        win_back: "安排挽回回访" | "Plan a win-back call",
        win_back_planned: "已安排回访" | "Follow-up planned",
        win_back_summary: "挽回回访:了解停发原因,提出挽回方案" | "Win-back call: learn why they stopped, offer what brings them back",
        treat_vip: "重点投入:专属客户经理、绿色通道、年终回馈。" | "Invest: a dedicated manager, the green channel, year-end rewards.",
        treat_key: "重点培养:定期拜访,推荐更多服务,争取升为 VIP。" | "Develop: regular visits, more services, grow them into VIPs.",
        treat_regular: "维护:标准服务,关注发货变化。" | "Maintain: standard service, watch for changes in volume.",
        treat_potential: "培养与沟通:了解需求;欠款或亏损的客户当面沟通。" | "Develop and talk: learn their needs; talk to those who owe or cost more than they bring.",
    }
}
