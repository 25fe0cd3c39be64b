/// The web pages' two files, served from the binary: the style sheet and a
/// small script (same origin, as the Content-Security-Policy requires). Every
/// task works without the script: it only shows an upload's progress and
/// keeps the assessor's answers in the draft as they are given.
enum WebAssets {
    static func answer(_ path: String) -> ServerResponse? {
        switch path {
        case "/web/app.css": file(css, type: "text/css; charset=utf-8")
        case "/web/app.js": file(script, type: "text/javascript; charset=utf-8")
        default: nil
        }
    }

    static func file(_ text: String, type: String) -> ServerResponse {
        var headers: [(String, String)] = [("Content-Type", type)] + WebView.securityHeaders
        headers.removeAll { $0.0 == "Cache-Control" }
        headers.append(("Cache-Control", "max-age=3600"))
        return ServerResponse(status: 200, headers: headers, body: Array(text.utf8), operation: "web.asset")
    }

    static let css = """
    :root{--ink:#1b1f23;--muted:#57606a;--line:#d0d7de;--accent:#0b5cad;--bad:#a40e26;--bg:#fff;--card:#f6f8fa}
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.5 system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;color:var(--ink);background:var(--bg)}
    [lang=en]{color:var(--muted);font-size:.9em}
    header{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;padding:.5rem 1rem;border-bottom:1px solid var(--line);background:var(--card)}
    nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
    nav a{color:var(--accent);text-decoration:none;padding:.25rem 0}
    nav a.brand{font-weight:700;color:var(--ink)}
    a:focus,button:focus,input:focus,select:focus,summary:focus{outline:3px solid #f0b400;outline-offset:2px}
    main{max-width:60rem;margin:0 auto;padding:1rem}
    h1{font-size:1.4rem;margin:.5rem 0 1rem}
    h2{font-size:1.15rem;margin:1.5rem 0 .5rem}
    .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
    .card{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:1rem;margin:1rem 0;display:flex;flex-direction:column;gap:.5rem}
    .inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0}
    label{font-weight:600}
    input,select,button{font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:4px;max-width:100%}
    button{background:var(--accent);color:#fff;border-color:var(--accent);cursor:pointer;min-height:44px}
    button [lang=en]{color:#e6eefc}
    .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1rem 0}
    .actions a{align-self:center}
    fieldset{border:1px solid var(--line);border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
    legend{font-weight:700;padding:0 .25rem}
    .option{display:flex;gap:.5rem;align-items:flex-start;padding:.35rem 0}
    .option input{margin-top:.35rem;min-width:1.2rem;min-height:1.2rem}
    .option label{font-weight:400}
    .field{margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
    .hint{color:var(--muted)}
    .problem{color:var(--bad);border-left:4px solid var(--bad);padding-left:.75rem}
    .scroll{overflow-x:auto}
    table{border-collapse:collapse;width:100%;font-size:.95rem}
    th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
    td.n{text-align:right;font-variant-numeric:tabular-nums}
    .totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;margin:1rem 0}
    .totals div{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:.5rem}
    .totals dt{font-size:.85rem;color:var(--muted)}.totals dd{margin:0;font-size:1.2rem;font-variant-numeric:tabular-nums}
    .tiles{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
    .tiles a{display:block;padding:1rem;border:1px solid var(--line);border-radius:6px;background:var(--card);color:var(--accent);text-decoration:none}
    .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
    figure{margin:0}figure svg{width:100%;height:auto}
    .grade{font-size:1.3rem;font-weight:700}
    .signout{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap}
    .signout button{min-height:36px;padding:.25rem .75rem}
    pre{white-space:pre-wrap;overflow-x:auto;background:var(--card);padding:.5rem}
    progress{width:100%}
    """

    static let script = """
    // ltc web pages: progress for uploads, and the assessor's draft saved as each answer is given.
    // Everything works without this file. (form.action would be the button named action: read the attribute.)
    (function () {
      document.querySelectorAll('form[data-progress]').forEach(function (form) {
        form.addEventListener('submit', function (event) {
          if (!window.XMLHttpRequest || !window.FormData) return;
          event.preventDefault();
          var bar = form.querySelector('progress');
          if (bar) bar.hidden = false;
          var request = new XMLHttpRequest();
          request.open('POST', form.getAttribute('action'));
          request.upload.onprogress = function (e) { if (bar && e.lengthComputable) bar.value = Math.round(100 * e.loaded / e.total); };
          request.onload = function () { document.open(); document.write(request.responseText); document.close(); history.replaceState(null, '', request.responseURL || form.getAttribute('action')); };
          request.onerror = function () { form.submit(); };
          request.send(new FormData(form));
        });
      });
      document.querySelectorAll('form[data-draft]').forEach(function (form) {
        form.addEventListener('change', function () {
          var data = new FormData(form);
          data.set('action', 'draft');
          data.set('quiet', '1');
          var body = new URLSearchParams(data);
          fetch(form.getAttribute('action'), { method: 'POST', body: body, credentials: 'same-origin' });
        });
      });
    })();
    """
}
