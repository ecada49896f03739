-- Canned replies and phone scripts for agents, editable by admins. The scripts are the customer's
-- documents' own (a greeting with the hotline's name, the caller's surname, the closing line, the
-- silent-line routine); replace 迅捷速运 with the firm's name.
CREATE TABLE canned_replies (
    id        INTEGER PRIMARY KEY,
    kind      TEXT    NOT NULL CHECK (kind IN ('reply', 'script')),
    title     TEXT    NOT NULL,
    body      TEXT    NOT NULL,
    position  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO canned_replies (kind, title, body, position) VALUES
    ('script', '开场白', '您好,欢迎致电迅捷速运客户服务热线,请问有什么可以帮您?', 1),
    ('script', '称呼客户', '请问您贵姓?好的,X先生/女士,我马上为您查询。', 2),
    ('script', '无声电话', '您好,请问有什么可以帮您?(稍停5秒)您好,这里是迅捷速运客户服务热线。(稍停5秒)对不起,听不到您的声音,请您稍后再拨,再见。', 3),
    ('script', '结束语', '请问还有什么可以帮您?感谢您的来电,祝您生活愉快,再见!', 4),
    ('reply', '已加急', '您好,您的快件我们已联系转运中心加急处理,预计明天送达,给您带来不便非常抱歉。', 1),
    ('reply', '请补充信息', '您好,为了尽快为您处理,请补充收件人电话和详细地址。', 2),
    ('reply', '已登记索赔', '您好,您的索赔申请已登记,我们将在 3 个工作日内审核并给您答复。', 3);
