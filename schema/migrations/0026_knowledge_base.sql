-- The knowledge base: articles with a category, the request kinds they are suggested for, and a
-- per-character full-text index (as customers have) so Chinese queries of any length find them.
-- The first articles follow the customer's documents (abnormal-shipment queries, claims,
-- complaints and follow-up, pickups); a native test keeps their index text equal to the worker's.

CREATE TABLE kb_articles (
    id          INTEGER PRIMARY KEY,
    category    TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    kinds       TEXT    NOT NULL DEFAULT '[]',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT    NOT NULL,
    updated_by  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX kb_articles_category ON kb_articles(category, id);
CREATE VIRTUAL TABLE kb_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO kb_articles (id, category, title, body, kinds, updated_at) VALUES (1, '查询', '快件异常查询处理流程', '1. 核对运单号与收件人电话;2. 查看最新轨迹与所在网点;3. 联系所在转运中心或网点核实滞留原因;4. 在工单中记录处理结果并答复客户预计送达时间;超过承诺时限的快件告知客户可申请延误赔付。', '["inquiry","pickup_problem"]', '2026-12-01T00:00:00.000Z');
INSERT INTO kb_search (rowid, body) VALUES (1, '快 件 异 常 查 询 处 理 流 程 查 询 1 核 对 运 单 号 与 收 件 人 电 话 2 查 看 最 新 轨 迹 与 所 在 网 点 3 联 系 所 在 转 运 中 心 或 网 点 核 实 滞 留 原 因 4 在 工 单 中 记 录 处 理 结 果 并 答 复 客 户 预 计 送 达 时 间 超 过 承 诺 时 限 的 快 件 告 知 客 户 可 申 请 延 误 赔 付');
INSERT INTO kb_articles (id, category, title, body, kinds, updated_at) VALUES (2, '理赔', '破损与丢失理赔所需材料', '请客户提供:外包装与内件破损照片、物品价值凭证(发票或购买记录)、运单号与联系电话。客服在 3 个工作日内审核,超出审批额度的由客服经理审批,批准后 5 个工作日内赔付。', '["claim","complaint"]', '2026-12-01T00:00:00.000Z');
INSERT INTO kb_search (rowid, body) VALUES (2, '破 损 与 丢 失 理 赔 所 需 材 料 理 赔 请 客 户 提 供 外 包 装 与 内 件 破 损 照 片 物 品 价 值 凭 证 发 票 或 购 买 记 录 运 单 号 与 联 系 电 话 客 服 在 3 个 工 作 日 内 审 核 超 出 审 批 额 度 的 由 客 服 经 理 审 批 批 准 后 5 个 工 作 日 内 赔 付');
INSERT INTO kb_articles (id, category, title, body, kinds, updated_at) VALUES (3, '投诉', '投诉受理与回访要求', '受理时先致歉并复述问题,确认客户诉求;按投诉原因分类并标注严重程度,严重投诉立即上报主管;解决后 24 小时内回访客户并请客户评价。', '["complaint"]', '2026-12-01T00:00:00.000Z');
INSERT INTO kb_search (rowid, body) VALUES (3, '投 诉 受 理 与 回 访 要 求 投 诉 受 理 时 先 致 歉 并 复 述 问 题 确 认 客 户 诉 求 按 投 诉 原 因 分 类 并 标 注 严 重 程 度 严 重 投 诉 立 即 上 报 主 管 解 决 后 24 小 时 内 回 访 客 户 并 请 客 户 评 价');
INSERT INTO kb_articles (id, category, title, body, kinds, updated_at) VALUES (4, '取件', '预约上门取件时间说明', '客户可预约 30 天内、不超过 24 小时时间段的上门取件;网点在预约时段内上门,无法按时到达须提前电话告知客户并重新约定。', '["pickup_problem","consultation"]', '2026-12-01T00:00:00.000Z');
INSERT INTO kb_search (rowid, body) VALUES (4, '预 约 上 门 取 件 时 间 说 明 取 件 客 户 可 预 约 30 天 内 不 超 过 24 小 时 时 间 段 的 上 门 取 件 网 点 在 预 约 时 段 内 上 门 无 法 按 时 到 达 须 提 前 电 话 告 知 客 户 并 重 新 约 定');
