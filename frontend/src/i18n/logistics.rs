//! Staff logistics pages: shipments, pickups, the courier's day list.

super::area! {
    /// One field per string; each line carries the zh-CN and the English text.
    pub struct Logistics {
        track_late: "已超时" | "Late",
        standing_blacklisted: "黑名单客户:" | "Blacklisted:",
        standing_exception: "例外办理原因(经理)" | "Reason for the exception (managers)",
        standing_blocked: "按公司规定暂停下单,请先结清欠款" | "the firm takes no bookings until it is settled",
        track_shipper: "寄件人" | "Shipper",
        shipment_search_hint: "运单号、手机号或客户名称" | "Waybill number, phone or customer name",
        event_add: "录入轨迹" | "Record an event",
        offline_copy: "无网络,显示上次同步的内容:" | "Offline: showing the copy from the last sync,",
        offline_queued: "无网络:已保存在本机,恢复网络后自动提交。"
            | "Offline: kept on this phone, sent when the connection returns.",
        offline_pending: "待提交" | "Waiting to send",
        offline_refused: "未被接受" | "Not accepted",
        offline_dismiss: "知道了" | "Dismiss",
        event_location: "地点" | "Location",
        only_overdue: "仅看超时未妥投" | "Overdue only",
        delay_eligible: "可申请延误赔偿" | "Delay compensation",
        pickup_outlet: "网点" | "Outlet",
        pickup_assign: "派单" | "Dispatch",
        pickup_collect: "已取件" | "Collected",
        pickup_fail: "取件失败" | "Could not collect",
        pickup_call: "打电话" | "Call",
        pickup_map: "地图" | "Map",
        pickup_none_today: "今天没有取件任务。" | "No pickups today.",
        attention_title: "需关注的运单(按网点)" | "Shipments needing attention (by org)",
        attention_overdue: "超时" | "Overdue",
        attention_exception: "异常" | "Exception",
        attention_no_org: "未归属网点" | "No org",
    }
}
