//! The UI's message catalogues. A struct with one field per string: a string missing from either
//! language is a compile error, not a blank on screen. zh-CN is the default.

use leptos::prelude::*;
use schema::Locale;

/// Every user-facing string of the app.
pub struct Catalog {
    pub app_name: &'static str,
    pub nav_home: &'static str,
    pub nav_orgs: &'static str,
    pub nav_staff: &'static str,
    pub nav_audit: &'static str,
    pub nav_account: &'static str,
    pub switch_lang: &'static str,
    pub sign_out: &'static str,
    pub login_title: &'static str,
    pub login_hint: &'static str,
    pub login_field: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub signing_in: &'static str,
    pub loading: &'static str,
    pub empty: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub offline_title: &'static str,
    pub offline_body: &'static str,
    pub error_title: &'static str,
    pub retry: &'static str,
    pub back_home: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub search: &'static str,
    pub filter_all: &'static str,
    pub load_more: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub welcome: &'static str,
    pub your_role: &'static str,
    pub your_org: &'static str,
    pub quick_links: &'static str,
    pub orgs_title: &'static str,
    pub org_new: &'static str,
    pub org_edit: &'static str,
    pub org_kind: &'static str,
    pub org_parent: &'static str,
    pub org_code: &'static str,
    pub org_name: &'static str,
    pub org_region: &'static str,
    pub org_address: &'static str,
    pub phone: &'static str,
    pub org_search_hint: &'static str,
    pub none_root: &'static str,
    pub staff_title: &'static str,
    pub staff_new: &'static str,
    pub staff_edit: &'static str,
    pub staff_name: &'static str,
    pub staff_role: &'static str,
    pub staff_org: &'static str,
    pub staff_department: &'static str,
    pub email: &'static str,
    pub initial_password: &'static str,
    pub password_rules: &'static str,
    pub staff_search_hint: &'static str,
    pub last_login: &'static str,
    pub never: &'static str,
    pub reset_password: &'static str,
    pub reset_password_hint: &'static str,
    pub new_password: &'static str,
    pub current_password: &'static str,
    pub password_changed: &'static str,
    pub change_password: &'static str,
    pub change_password_hint: &'static str,
    pub audit_title: &'static str,
    pub audit_entity: &'static str,
    pub audit_action: &'static str,
    pub audit_since: &'static str,
    pub audit_until: &'static str,
    pub audit_by: &'static str,
    pub entity_org: &'static str,
    pub entity_staff: &'static str,
    pub action_create: &'static str,
    pub action_update: &'static str,
    pub action_deactivate: &'static str,
    pub action_password_reset: &'static str,
    pub action_password_change: &'static str,
    pub conflict_reload: &'static str,
    pub account_title: &'static str,
    pub select_placeholder: &'static str,
}

/// Simplified Chinese.
pub const ZH: Catalog = Catalog {
    app_name: "Waypost 客户关系管理",
    nav_home: "工作台",
    nav_orgs: "机构",
    nav_staff: "员工",
    nav_audit: "审计日志",
    nav_account: "我的",
    switch_lang: "English",
    sign_out: "退出登录",
    login_title: "员工登录",
    login_hint: "使用手机号或邮箱登录",
    login_field: "手机号或邮箱",
    password: "密码",
    sign_in: "登录",
    signing_in: "正在登录…",
    loading: "加载中…",
    empty: "暂无数据",
    forbidden_title: "无权访问",
    forbidden_body: "您的角色无权查看此页面。如需权限,请联系系统管理员。",
    not_found_title: "页面不存在",
    not_found_body: "您访问的页面或记录不存在,或不在您的权限范围内。",
    offline_title: "网络已断开",
    offline_body: "无法连接服务器,请检查网络后重试。",
    error_title: "出错了",
    retry: "重试",
    back_home: "返回工作台",
    save: "保存",
    saving: "正在保存…",
    saved: "已保存",
    search: "搜索",
    filter_all: "全部",
    load_more: "加载更多",
    active: "在用",
    inactive: "已停用",
    welcome: "您好",
    your_role: "角色",
    your_org: "所属机构",
    quick_links: "常用功能",
    orgs_title: "机构管理",
    org_new: "新建机构",
    org_edit: "编辑机构",
    org_kind: "机构类型",
    org_parent: "上级机构",
    org_code: "机构编码",
    org_name: "机构名称",
    org_region: "所在地区",
    org_address: "地址",
    phone: "电话",
    org_search_hint: "按名称或编码搜索",
    none_root: "(无,作为总部)",
    staff_title: "员工管理",
    staff_new: "新建员工",
    staff_edit: "编辑员工",
    staff_name: "姓名",
    staff_role: "角色",
    staff_org: "所属机构",
    staff_department: "部门",
    email: "邮箱",
    initial_password: "初始密码",
    password_rules: "至少 8 个字符,不能是常见密码,不能包含手机号或邮箱。",
    staff_search_hint: "按姓名、手机号或邮箱搜索",
    last_login: "最近登录",
    never: "从未登录",
    reset_password: "重置密码",
    reset_password_hint: "设置新密码后,该员工的所有登录会话将立即失效。",
    new_password: "新密码",
    current_password: "当前密码",
    password_changed: "密码已修改,其他设备上的登录已退出。",
    change_password: "修改密码",
    change_password_hint: "修改后,您在其他设备上的登录将被退出。",
    audit_title: "审计日志",
    audit_entity: "对象",
    audit_action: "操作",
    audit_since: "开始日期",
    audit_until: "结束日期",
    audit_by: "操作人",
    entity_org: "机构",
    entity_staff: "员工",
    action_create: "创建",
    action_update: "修改",
    action_deactivate: "停用",
    action_password_reset: "重置密码",
    action_password_change: "修改密码",
    conflict_reload: "该记录已被他人修改,已载入最新内容,请核对后再保存。",
    account_title: "我的账号",
    select_placeholder: "请选择",
};

/// English.
pub const EN: Catalog = Catalog {
    app_name: "Waypost CRM",
    nav_home: "Home",
    nav_orgs: "Organisations",
    nav_staff: "Staff",
    nav_audit: "Audit log",
    nav_account: "Account",
    switch_lang: "中文",
    sign_out: "Sign out",
    login_title: "Staff sign-in",
    login_hint: "Sign in with your phone number or e-mail",
    login_field: "Phone or e-mail",
    password: "Password",
    sign_in: "Sign in",
    signing_in: "Signing in…",
    loading: "Loading…",
    empty: "Nothing here yet",
    forbidden_title: "No access",
    forbidden_body: "Your role cannot see this page. Ask an administrator if you need it.",
    not_found_title: "Not found",
    not_found_body: "This page or record does not exist, or is outside what you may see.",
    offline_title: "You are offline",
    offline_body: "The server cannot be reached. Check the connection and try again.",
    error_title: "Something went wrong",
    retry: "Try again",
    back_home: "Back to home",
    save: "Save",
    saving: "Saving…",
    saved: "Saved",
    search: "Search",
    filter_all: "All",
    load_more: "Load more",
    active: "Active",
    inactive: "Inactive",
    welcome: "Hello",
    your_role: "Role",
    your_org: "Organisation",
    quick_links: "Shortcuts",
    orgs_title: "Organisations",
    org_new: "New organisation",
    org_edit: "Edit organisation",
    org_kind: "Kind",
    org_parent: "Parent",
    org_code: "Code",
    org_name: "Name",
    org_region: "Region",
    org_address: "Address",
    phone: "Phone",
    org_search_hint: "Search by name or code",
    none_root: "(none: headquarters)",
    staff_title: "Staff",
    staff_new: "New staff member",
    staff_edit: "Edit staff member",
    staff_name: "Name",
    staff_role: "Role",
    staff_org: "Organisation",
    staff_department: "Department",
    email: "E-mail",
    initial_password: "Initial password",
    password_rules: "At least 8 characters; not a common password; must not contain the phone or e-mail.",
    staff_search_hint: "Search by name, phone or e-mail",
    last_login: "Last sign-in",
    never: "Never",
    reset_password: "Reset password",
    reset_password_hint: "All of this person's sessions end as soon as the new password is set.",
    new_password: "New password",
    current_password: "Current password",
    password_changed: "Password changed; your other sessions were signed out.",
    change_password: "Change password",
    change_password_hint: "Your sessions on other devices will be signed out.",
    audit_title: "Audit log",
    audit_entity: "Record type",
    audit_action: "Action",
    audit_since: "From",
    audit_until: "Until",
    audit_by: "By",
    entity_org: "Organisation",
    entity_staff: "Staff",
    action_create: "Created",
    action_update: "Updated",
    action_deactivate: "Deactivated",
    action_password_reset: "Password reset",
    action_password_change: "Password changed",
    conflict_reload: "Someone else changed this record. The latest version is loaded; check it and save again.",
    account_title: "My account",
    select_placeholder: "Choose…",
};

const STORAGE_KEY: &str = "waypost.locale";

/// The current locale, provided at the root.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Locale>);

impl I18n {
    /// Reads the saved choice (zh-CN if none).
    pub fn load() -> I18n {
        let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
        I18n(RwSignal::new(saved.as_deref().and_then(Locale::from_tag).unwrap_or_default()))
    }

    /// The catalogue for the current locale (tracked).
    pub fn t(&self) -> &'static Catalog {
        match self.0.get() {
            Locale::ZhCn => &ZH,
            Locale::En => &EN,
        }
    }

    /// The current locale (tracked).
    pub fn locale(&self) -> Locale {
        self.0.get()
    }

    /// Switches language and remembers it on this device.
    pub fn toggle(&self) {
        let next = if self.0.get_untracked() == Locale::ZhCn { Locale::En } else { Locale::ZhCn };
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, next.tag());
        }
        if let Some(doc) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = doc.set_attribute("lang", next.tag());
        }
        self.0.set(next);
    }
}

/// The saved locale, for code outside the reactive tree (the API client's `Accept-Language`).
pub fn saved_locale() -> Locale {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_default()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The app's i18n handle.
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(I18n::load)
}
