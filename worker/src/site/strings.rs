//! The strings of the pages the Worker renders — one catalogue per page, both languages on one
//! line (see [`schema::catalog!`]). Status and event names come from `schema` (`label()`), the
//! same words the apps show.

schema::catalog! {
    /// Shared by every Worker-rendered page.
    pub struct Common {
        brand: "Waypost 快递" | "Waypost Express",
        switch_to: "English" | "中文",
        throttled: "尝试次数过多,请 15 分钟后再试。" | "Too many attempts. Please try again in 15 minutes.",
        bad_form: "表单内容无法识别,请返回重试。" | "The form could not be read. Please go back and try again.",
        failed: "服务暂时不可用,请稍后再试。" | "The service is unavailable right now. Please try again later.",
        wrong_method: "不支持这种请求方式。" | "This request method is not supported here.",
    }
}

schema::catalog! {
    /// The public tracking page (`/track`, `/track/{waybill}`).
    pub struct Track {
        title: "运单查询" | "Track a parcel",
        waybill: "运单号" | "Waybill number",
        hint: "输入运单号" | "Enter the waybill number",
        submit: "查询" | "Track",
        intro: "输入运单号即可查询快件状态,无需登录。" | "Enter a waybill number to see where the parcel is. No sign-in needed.",
        bad_waybill: "运单号格式不正确:字母前缀(可选)加 8–18 位数字。" | "That is not a waybill number: an optional letter prefix and 8–18 digits.",
        not_found: "没有找到这个运单号,请核对后重试。" | "No parcel has this waybill number. Please check it and try again.",
        route: "路线" | "Route",
        pieces: "件数" | "Pieces",
        committed: "承诺送达" | "Promised by",
        late: "已超时" | "Late",
        delivered: "签收时间" | "Delivered at",
        consignee: "收件人" | "Consignee",
        shipper: "寄件人" | "Shipper",
        last4: "输入收件人或寄件人手机号后四位查看完整信息" | "Enter the last four digits of the consignee's or shipper's phone to see the full details",
        unmask: "验证" | "Verify",
        wrong_digits: "手机号后四位不正确。" | "Those digits do not match.",
        events: "物流轨迹" | "Tracking history",
        no_events: "暂无轨迹。" | "No events yet.",
        report: "反馈问题" | "Report a problem",
        report_hint: "请描述遇到的问题(如长时间未更新、破损等)" | "Describe the problem (no updates for days, damage, ...)",
        report_phone: "联系电话(选填)" | "Your phone (optional)",
        report_submit: "提交反馈" | "Send",
        report_done: "已收到您的反馈,客服会尽快联系您。" | "Thank you. Customer service will contact you soon.",
    }
}

schema::catalog! {
    /// The satisfaction survey by its link (`/survey/{token}`).
    pub struct Survey {
        title: "服务满意度评价" | "How did we do?",
        intro: "请为这次服务打分(1–5 星),总体评价必填。" | "Please rate this service from 1 to 5 stars; the overall rating is required.",
        overall: "总体评价" | "Overall",
        speed: "处理速度" | "Speed",
        attitude: "服务态度" | "Attitude",
        outcome: "处理结果" | "Outcome",
        comment: "意见或建议(选填)" | "Comments (optional)",
        submit: "提交评价" | "Send",
        thanks: "感谢您的评价!" | "Thank you for your feedback!",
        answered: "这份评价已经提交过了。" | "This survey has already been answered.",
        not_found: "评价链接无效或已过期。" | "This survey link is not valid.",
    }
}
