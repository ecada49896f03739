//! The customer portal's pages.

super::area! {
    /// One field per string; each line carries the zh-CN and the English text.
    pub struct Portal {
        track_delivered: "签收时间" | "Delivered",
        portal_title: "客户自助平台" | "Customer portal",
        portal_login_hint: "使用手机号或邮箱登录,跟踪运单、预约取件。"
            | "Sign in with your mobile or e-mail to track shipments and book pickups.",
        portal_no_account: "还没有账号?注册" | "No account yet? Sign up",
        portal_forgot: "忘记密码" | "Forgot password",
        portal_have_invite: "收到邀请?激活账号" | "Invited? Activate your account",
        portal_register_title: "注册" | "Sign up",
        portal_activate_title: "激活账号" | "Activate your account",
        portal_reset_title: "重置密码" | "Reset password",
        portal_send_code: "获取验证码" | "Send code",
        portal_code_sent: "验证码已发送,请查收短信或邮件。" | "The code is on its way by SMS or e-mail.",
        portal_code: "验证码" | "Code",
        portal_your_name: "您的姓名" | "Your name",
        portal_company: "公司名称(个人可不填)" | "Company (leave empty for a person)",
        portal_new_password: "新密码" | "New password",
        portal_submit: "提交" | "Submit",
        portal_back_login: "返回登录" | "Back to sign-in",
        portal_password_changed: "密码已重置,请用新密码登录。" | "Password reset. Sign in with the new one.",
        portal_nav_shipments: "我的运单" | "Shipments",
        portal_nav_pickups: "预约取件" | "Pickups",
        portal_nav_addresses: "地址簿" | "Address book",
        portal_nav_notices: "通知" | "Notices",
        portal_nav_account: "账户" | "Account",
        portal_search_hint: "运单号或收件人电话" | "Waybill or consignee phone",
        portal_notify_portal: "在平台内通知我运单和取件进度" | "Notify me here of shipment and pickup updates",
        portal_notify_message: "同时发短信或邮件通知我" | "Also send me SMS or e-mail",
        address_add: "添加地址" | "Add address",
        address_label: "标签" | "Label",
        notices_title: "通知" | "Notices",
        notices_none: "暂无通知。" | "No notices yet.",
        request_reopen: "重新打开" | "Reopen",
    }
}
