/// The web pages' Mustache templates, compiled into the server so that an
/// installed `ltc-server` needs no files beside it. `{{name}}` escapes what
/// it writes (`<`, `>`, `&`, `"`, `'`); `{{{body}}}` is only ever a page
/// these templates rendered, or an SVG chart ``WebCharts`` built from
/// numbers. Labels are zh first, then en.
enum WebTemplates {
    static let all: [String: String] = [
        "layout": layout, "signin": signin, "home": home, "error": error, "notice": notice,
        "logs": logs, "report": report, "statement": statement, "clients": clients,
        "cases": cases, "assess": assess, "review": review, "assessed": assessed,
        "month": month, "confirm": confirm, "ran": ran, "audit": audit,
    ]

    static let layout = #"""
    <!doctype html>
    <html lang="zh-CN">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title.zh}} {{title.en}} · ltc</title>
    <link rel="stylesheet" href="/web/app.css">
    <script src="/web/app.js" defer></script>
    </head>
    <body>
    <a class="skip" href="#main">跳到正文 <span lang="en">Skip to content</span></a>
    <header>
    <nav aria-label="主菜单 Main menu">
    <a class="brand" href="/web/">长护险 <span lang="en">ltc</span></a>
    {{#nav}}<a href="{{href}}">{{zh}} <span lang="en">{{en}}</span></a>{{/nav}}
    </nav>
    {{#session}}<form class="signout" method="post" action="/web/signout"><input type="hidden" name="csrf" value="{{csrf}}"><span class="who">{{who}}</span> <button type="submit">退出 <span lang="en">Sign out</span></button></form>{{/session}}
    </header>
    <main id="main">
    <h1>{{title.zh}} <span lang="en">{{title.en}}</span></h1>
    {{{body}}}
    </main>
    </body>
    </html>
    """#

    static let signin = #"""
    <p>粘贴您的凭证（只需一次），然后登录。<span lang="en">Paste your credential once to sign in.</span></p>
    {{#problem}}<p class="problem" role="alert">{{problem}}</p>{{/problem}}
    <form method="post" action="/web/signin" class="card">
    <input type="hidden" name="csrf" value="{{signinToken}}">
    <label for="token">凭证 <span lang="en">Credential</span></label>
    <input id="token" name="token" type="password" autocomplete="off" required maxlength="512" spellcheck="false">
    <button type="submit">登录 <span lang="en">Sign in</span></button>
    </form>
    <p class="hint">凭证由管理员用 <code>ltc credential issue</code> 签发。<span lang="en">An administrator issues it with <code>ltc credential issue</code>.</span></p>
    """#

    static let home = #"""
    <p>{{who}}</p>
    <ul class="tiles">{{#nav}}<li><a href="{{href}}">{{zh}}<br><span lang="en">{{en}}</span></a></li>{{/nav}}</ul>
    """#

    static let error = #"""
    <p class="problem" role="alert">{{message}}</p>
    <p><a href="/web/">返回首页 <span lang="en">Back to the start</span></a></p>
    """#

    static let notice = #"""
    <p>{{message}}</p>
    <p><a href="{{next}}">继续 <span lang="en">Continue</span></a></p>
    """#

    // MARK: The clerk

    static let logs = #"""
    <form method="post" action="/web/logs" enctype="multipart/form-data" class="card" data-progress>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="logs">服务日志文件（CSV 或 JSON Lines）<span lang="en">Logs file (CSV or JSON Lines)</span></label>
    <input id="logs" name="logs" type="file" accept=".csv,.jsonl,.json,.txt,text/csv" required>
    <progress hidden max="100" value="0" aria-label="上传进度 Upload progress"></progress>
    <button type="submit">上传 <span lang="en">Upload</span></button>
    </form>
    <p><a href="/web/logs/template">下载模板 <span lang="en">Download the template</span></a></p>
    <h2>最近的提交 <span lang="en">Recent submissions</span></h2>
    {{^submissions}}<p>暂无 <span lang="en">None yet</span></p>{{/submissions}}
    {{#submissions_any}}<div class="scroll"><table>
    <thead><tr><th scope="col">编号 <span lang="en">No.</span></th><th scope="col">时间 <span lang="en">When</span></th><th scope="col">接收 <span lang="en">Received</span></th><th scope="col">通过 <span lang="en">Accepted</span></th><th scope="col">拒绝 <span lang="en">Rejected</span></th></tr></thead>
    <tbody>{{/submissions_any}}{{#submissions}}<tr><td>{{id}}</td><td>{{recordedAt}}</td>{{#summary}}<td class="n">{{received}}</td><td class="n">{{accepted}}</td><td class="n">{{rejected}}</td>{{/summary}}</tr>{{/submissions}}{{#submissions_any}}</tbody></table></div>{{/submissions_any}}
    """#

    static let report = #"""
    <p class="summary">接收 {{received}} 条，通过 {{accepted}} 条，拒绝 {{rejected}} 条。<span lang="en">{{received}} received, {{accepted}} accepted, {{rejected}} rejected.</span></p>
    {{#unchanged}}<p>{{unchanged}} 条与之前相同，未重复计入。<span lang="en">{{unchanged}} unchanged, not counted twice.</span></p>{{/unchanged}}
    <h2>被拒绝的日志 <span lang="en">Rejected lines</span></h2>
    {{^rejections}}<p>没有 <span lang="en">None</span></p>{{/rejections}}
    {{#rejections_any}}<div class="scroll"><table>
    <thead><tr><th scope="col">行 <span lang="en">Line</span></th><th scope="col">日志 <span lang="en">Log</span></th><th scope="col">规则 <span lang="en">Rule</span></th><th scope="col">原因 <span lang="en">Reason</span></th><th scope="col">怎么办 <span lang="en">What to do</span></th></tr></thead>
    <tbody>{{/rejections_any}}{{#rejections}}<tr><td class="n">{{line}}</td><td>{{logId}}</td><td><strong>{{rule}}</strong></td><td>{{reason}}</td><td>{{whatToDo}}</td></tr>{{/rejections}}{{#rejections_any}}</tbody></table></div>{{/rejections_any}}
    <p><a href="/web/logs">再上传 <span lang="en">Upload another</span></a> · <a href="/web/statements">本月对账单 <span lang="en">This month's statement</span></a></p>
    """#

    static let statement = #"""
    <form method="get" action="/web/statements" class="inline">
    <label for="month">月份 <span lang="en">Month</span></label>
    <input id="month" name="month" type="month" value="{{month}}" required>
    <button type="submit">查看 <span lang="en">Show</span></button>
    </form>
    <p>{{name}} {{institution}} · {{month}} · {{#settled}}已结算 {{settledOn}} <span lang="en">settled</span>{{/settled}}{{^settled}}未结算，为目前已通过的 <span lang="en">not settled: accepted so far</span>{{/settled}}</p>
    <dl class="totals">
    <div><dt>通过 <span lang="en">Accepted</span></dt><dd>{{totals.accepted}}</dd></div>
    <div><dt>拒绝 <span lang="en">Rejected</span></dt><dd>{{totals.rejected}}</dd></div>
    <div><dt>申报 <span lang="en">Billed</span></dt><dd>{{totals.billed}}</dd></div>
    <div><dt>基金支付 <span lang="en">Fund share</span></dt><dd>{{totals.fund}}</dd></div>
    <div><dt>个人负担 <span lang="en">Personal</span></dt><dd>{{totals.personal}}</dd></div>
    {{#statement}}<div><dt>应付 <span lang="en">Payable</span></dt><dd>{{payable}}</dd></div>{{/statement}}
    </dl>
    {{#explanations}}<p class="hint">{{text}}</p>{{/explanations}}
    <p><a href="/web/statements/{{month}}/csv" download>下载 CSV <span lang="en">Download CSV</span></a></p>
    <h2>被拒绝的日志 <span lang="en">Rejected logs</span></h2>
    {{^rejected}}<p>没有 <span lang="en">None</span></p>{{/rejected}}
    {{#rejected_any}}<div class="scroll"><table>
    <thead><tr><th scope="col">日志 <span lang="en">Log</span></th><th scope="col">日期 <span lang="en">Day</span></th><th scope="col">参保人 <span lang="en">Person</span></th><th scope="col">规则 <span lang="en">Rule</span></th><th scope="col">原因 <span lang="en">Reason</span></th><th scope="col">怎么办 <span lang="en">What to do</span></th></tr></thead>
    <tbody>{{/rejected_any}}{{#rejected}}<tr><td>{{logId}}</td><td>{{day}}</td><td>{{person}}</td><td><strong>{{rule}}</strong></td><td>{{reason}}</td><td>{{whatToDo}}</td></tr>{{/rejected}}{{#rejected_any}}</tbody></table></div>{{/rejected_any}}
    <h2>按参保人 <span lang="en">By client</span></h2>
    <div class="scroll"><table>
    <thead><tr><th scope="col">参保人 <span lang="en">Person</span></th><th scope="col">通过 <span lang="en">Accepted</span></th><th scope="col">拒绝 <span lang="en">Rejected</span></th><th scope="col">基金 <span lang="en">Fund</span></th><th scope="col">个人 <span lang="en">Personal</span></th></tr></thead>
    <tbody>{{#clients}}<tr><td>{{person}}</td><td class="n">{{accepted}}</td><td class="n">{{rejected}}</td><td class="n">{{fund}}</td><td class="n">{{personal}}</td></tr>{{/clients}}</tbody></table></div>
    """#

    static let clients = #"""
    <p><a href="/web/clients/csv" download>下载 CSV <span lang="en">Download CSV</span></a></p>
    {{^clients}}<p>暂无服务对象 <span lang="en">No clients</span></p>{{/clients}}
    {{#clients}}<section class="card">
    <h2>参保人 {{person}} <span lang="en">person {{person}}</span> · 案件 {{case}} <span lang="en">case {{case}}</span></h2>
    <p>{{mode}} · 自 {{from}} <span lang="en">since {{from}}</span> · 每周 {{weeklyMinutes}} 分钟 <span lang="en">minutes a week</span></p>
    {{#plan}}<h3>护理计划 <span lang="en">Care plan</span> {{version}} ({{state}})</h3>
    <ul>{{#items}}<li>{{item}} · 每周 {{perWeek}} 次 <span lang="en">a week</span></li>{{/items}}</ul>{{/plan}}
    {{^plan}}<p class="hint">尚无护理计划 <span lang="en">No care plan yet</span></p>{{/plan}}
    </section>{{/clients}}
    {{#next}}<p><a href="/web/clients?after={{next}}">下一页 <span lang="en">Next page</span></a> · <a href="/web/clients/csv?after={{next}}" download>下一页 CSV <span lang="en">its CSV</span></a></p>{{/next}}
    """#

    // MARK: The assessor

    static let cases = #"""
    {{^cases}}<p>今天没有待评估的案件 <span lang="en">No cases to assess today</span></p>{{/cases}}
    <ul class="tiles">{{#cases}}<li><a href="/web/cases/{{id}}/assess">案件 {{id}} <span lang="en">case {{id}}</span><br>参保人 {{person}} · {{state}}{{#deadline}}<br>截止 {{due}} <span lang="en">due</span>{{/deadline}}</a></li>{{/cases}}</ul>
    """#

    static let assess = #"""
    <form method="get" action="/web/cases/{{case}}/assess" class="inline">
    <label for="form">评估表 <span lang="en">Form</span></label>
    <select id="form" name="form">{{#forms}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{id}} {{title}}</option>{{/forms}}</select>
    <button type="submit">换表 <span lang="en">Change form</span></button>
    </form>
    {{#problems_any}}<div class="problem" role="alert"><p>请改正：<span lang="en">Please correct:</span></p><ul>{{/problems_any}}{{#problems}}<li>{{.}}</li>{{/problems}}{{#problems_any}}</ul></div>{{/problems_any}}
    {{#draftSaved}}<p class="hint" role="status">草稿已保存 {{draftSaved}} <span lang="en">Draft saved</span></p>{{/draftSaved}}
    <form method="post" action="/web/cases/{{case}}/review" data-draft>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <input type="hidden" name="form" value="{{form.id}}">
    <p class="hint">{{form.title.zh}} <span lang="en">{{form.title.en}}</span> ({{form.version}})</p>
    <div class="field"><label for="place">评估地点 <span lang="en">Place of the visit</span></label>
    <input id="place" name="place" value="{{place}}" required maxlength="200"></div>
    <div class="field"><label for="date">评估日期 <span lang="en">Date of the visit</span></label>
    <input id="date" name="date" type="date" value="{{date}}"></div>
    {{#conditions_any}}<fieldset><legend>条件 <span lang="en">Conditions</span></legend>{{/conditions_any}}
    {{#conditions}}<div class="field">{{#boolean}}<input id="c-{{id}}" name="condition.{{id}}" type="checkbox" value="true"{{#checked}} checked{{/checked}}> <label for="c-{{id}}">{{name.zh}} <span lang="en">{{name.en}}</span></label>{{/boolean}}{{^boolean}}<label for="c-{{id}}">{{name.zh}} <span lang="en">{{name.en}}</span></label> <input id="c-{{id}}" name="condition.{{id}}" type="number" min="0" max="{{maximum}}" value="{{value}}">{{/boolean}}</div>{{/conditions}}
    {{#conditions_any}}</fieldset>{{/conditions_any}}
    {{#items}}<fieldset class="item" id="item-{{id}}">
    <legend>{{number}}. {{name.zh}} <span lang="en">{{name.en}}</span></legend>
    {{#when}}<p class="hint">适用条件 <span lang="en">Applies when</span>: {{when}}</p>{{/when}}
    {{#guidance}}<details><summary>指引 <span lang="en">Guidance</span></summary><p>{{guidance.zh}}</p><p lang="en">{{guidance.en}}</p></details>{{/guidance}}
    {{#options}}<div class="option"><input type="radio" id="{{inputID}}" name="answer.{{item}}" value="{{score}}"{{#checked}} checked{{/checked}}> <label for="{{inputID}}">{{label.zh}} <span lang="en">{{label.en}}</span> <span class="score">({{score}})</span></label></div>{{/options}}
    </fieldset>{{/items}}
    <div class="actions">
    <button type="submit" name="action" value="draft">保存草稿 <span lang="en">Save draft</span></button>
    <button type="submit" name="action" value="review">核对评分 <span lang="en">Review the grade</span></button>
    </div>
    </form>
    """#

    static let review = #"""
    <p class="grade">等级 {{grade}} {{gradeLabel.zh}} <span lang="en">grade {{grade}} {{gradeLabel.en}}</span></p>
    <div class="scroll"><table>
    <thead><tr><th scope="col">维度 <span lang="en">Dimension</span></th><th scope="col">得分 <span lang="en">Score</span></th><th scope="col">等级 <span lang="en">Level</span></th></tr></thead>
    <tbody>{{#dimensions}}<tr><td>{{name}}</td><td class="n">{{score}}</td><td>{{level}}</td></tr>{{/dimensions}}</tbody></table></div>
    <h2>依据 <span lang="en">Why</span></h2>
    <ul>{{#explanation}}<li>{{.}}</li>{{/explanation}}</ul>
    <form method="post" action="/web/cases/{{case}}/assess">
    <input type="hidden" name="csrf" value="{{csrf}}">
    {{#hidden}}<input type="hidden" name="{{name}}" value="{{value}}">{{/hidden}}
    <div class="actions">
    <button type="submit" name="action" value="save">确认保存评估 <span lang="en">Save the assessment</span></button>
    <button type="submit" name="action" value="back">返回修改 <span lang="en">Go back and change</span></button>
    </div>
    </form>
    """#

    static let assessed = #"""
    <p role="status">案件 {{case}} 的评估已保存：等级 {{grade}}。<span lang="en">The assessment of case {{case}} is saved: grade {{grade}}.</span></p>
    <h2>证据 <span lang="en">Evidence</span></h2>
    <form method="post" action="/web/cases/{{case}}/evidence" enctype="multipart/form-data" class="card" data-progress>
    <input type="hidden" name="csrf" value="{{csrf}}">
    <label for="kind">类型 <span lang="en">Kind</span></label>
    <select id="kind" name="kind"><option value="photo">照片 photo</option><option value="video">视频 video</option><option value="signature">签名 signature</option></select>
    <label for="file">拍照或选择文件 <span lang="en">Take a photo or choose a file</span></label>
    <input id="file" name="file" type="file" accept="image/*,video/*" capture="environment" required>
    <progress hidden max="100" value="0" aria-label="上传进度 Upload progress"></progress>
    <button type="submit">上传证据 <span lang="en">Upload evidence</span></button>
    </form>
    {{#evidence_any}}<ul>{{/evidence_any}}{{#evidence}}<li>{{kind}} {{name}} · {{bytes}} B · {{state}} · <code>{{sha}}</code></li>{{/evidence}}{{#evidence_any}}</ul>{{/evidence_any}}
    <p><a href="/web/cases">返回案件列表 <span lang="en">Back to the cases</span></a></p>
    """#

    // MARK: The fund's staff

    static let month = #"""
    <form method="get" action="/web/month" class="inline">
    <label for="m">月份 <span lang="en">Month</span></label>
    <input id="m" name="month" type="month" value="{{month}}" required>
    <button type="submit">查看 <span lang="en">Show</span></button>
    </form>
    {{#report}}<dl class="totals">
    <div><dt>基金支付 <span lang="en">Fund share</span></dt><dd>{{fund}}</dd></div>
    <div><dt>应付 <span lang="en">Payable</span></dt><dd>{{payable}}</dd></div>
    <div><dt>预留 <span lang="en">Withheld</span></dt><dd>{{withheld}}</dd></div>
    <div><dt>总支出 <span lang="en">Total spent</span></dt><dd>{{totalSpent}}</dd></div>
    </dl>
    <div class="charts">
    <figure>{{{byGradeChart}}}<figcaption>按等级的基金支付 <span lang="en">Fund share by grade</span></figcaption></figure>
    <figure>{{{byModeChart}}}<figcaption>按服务方式的基金支付 <span lang="en">Fund share by mode</span></figcaption></figure>
    </div>
    <h2>拒绝最多的机构 <span lang="en">Most rejected (monitoring)</span></h2>
    <ul>{{#mostRejected}}<li>{{institution}}: {{rejected}} / {{received}} ({{share}} %)</li>{{/mostRejected}}</ul>
    <h2>接近预算的机构 <span lang="en">Institutions near their budget</span></h2>
    {{^budgetWarnings}}<p>没有 <span lang="en">None</span></p>{{/budgetWarnings}}
    <ul>{{#budgetWarnings}}<li>{{.}}</li>{{/budgetWarnings}}</ul>
    {{/report}}
    {{^report}}<p>{{month}} 尚未结算。<span lang="en">{{month}} is not settled yet.</span></p>{{/report}}
    <h2>违规记录 <span lang="en">Violations</span></h2>
    {{^violations}}<p>没有 <span lang="en">None</span></p>{{/violations}}
    <ul>{{#violations}}<li>{{institution}} {{type}} {{penalty}} {{found}}</li>{{/violations}}</ul>
    <h2>60 天内到期需复评的案件 <span lang="en">Cases due for re-assessment within 60 days</span></h2>
    {{^due}}<p>没有 <span lang="en">None</span></p>{{/due}}
    <ul>{{#due}}<li><a href="/web/cases/{{id}}/audit">案件 {{id}} <span lang="en">case {{id}}</span></a> · {{validUntil}}</li>{{/due}}</ul>
    {{#canSettle}}<h2>结算与支付 <span lang="en">Settlement and the cash run</span></h2>
    <p><a href="/web/settle/{{month}}">结算 {{month}} <span lang="en">Settle {{month}}</span></a> · <a href="/web/cash/{{month}}">现金发放 {{month}} <span lang="en">Cash run {{month}}</span></a></p>{{/canSettle}}
    <h2>案件审计记录 <span lang="en">A case's audit trail</span></h2>
    <form method="get" action="/web/audit" class="inline">
    <label for="case">案件编号 <span lang="en">Case id</span></label>
    <input id="case" name="case" type="number" min="1" required>
    <button type="submit">查看 <span lang="en">Show</span></button>
    </form>
    """#

    static let confirm = #"""
    <p>{{question.zh}}</p><p lang="en">{{question.en}}</p>
    <form method="post" action="{{action}}">
    <input type="hidden" name="csrf" value="{{csrf}}">
    <div class="actions">
    <button type="submit" name="confirm" value="yes">确认 <span lang="en">Confirm</span></button>
    <a href="/web/month/{{month}}">取消 <span lang="en">Cancel</span></a>
    </div>
    </form>
    """#

    static let ran = #"""
    <p role="status">{{summary}}</p>
    <pre>{{text}}</pre>
    <p><a href="/web/month/{{month}}">返回本月 <span lang="en">Back to the month</span></a></p>
    """#

    static let audit = #"""
    <p>参保人 {{person}} <span lang="en">person {{person}}</span> · {{state}}</p>
    <div class="scroll"><table>
    <thead><tr><th scope="col">#</th><th scope="col">日期 <span lang="en">As of</span></th><th scope="col">操作 <span lang="en">Action</span></th><th scope="col">操作人 <span lang="en">Actor</span></th><th scope="col">凭证 <span lang="en">Credential</span></th><th scope="col">原因 <span lang="en">Reason</span></th><th scope="col">记录时间 <span lang="en">Recorded</span></th></tr></thead>
    <tbody>{{#timeline}}<tr><td class="n">{{seq}}</td><td>{{asOf}}</td><td>{{action}} {{outcome}}</td><td>{{actor}}</td><td>{{credential}}</td><td>{{reason}}</td><td>{{recordedAt}}</td></tr>{{/timeline}}</tbody></table></div>
    """#
}
