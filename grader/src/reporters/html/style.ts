/** The page's only stylesheet: inline, so the report is one file that opens anywhere. */
export const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans KR","Malgun Gothic",sans-serif;max-width:900px;margin:2em auto;padding:0 1em;color:#111827}
h1{margin:.2em 0}h2{margin-top:1.6em;border-bottom:1px solid #e5e7eb}h3{margin:.8em 0 .3em}
code,pre{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{background:#f3f4f6;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.meta,.small{color:#4b5563}.small{font-size:13px}
.suites{list-style:none;padding:0}.suites li{display:flex;align-items:center;gap:.6em;margin:.2em 0}
.suites .name{width:9em}.suites .bar{flex:1;height:.8em;background:#fee2e2;border-radius:.4em;overflow:hidden}
.suites .bar span{display:block;height:100%;background:#16a34a}.pts{color:#374151;font-weight:600}
.check{border-left:4px solid #dc2626;padding:.2em 1em;margin:1em 0;background:#fffbfb}
.check.timed-out{border-color:#d97706}.check.crashed{border-color:#7c3aed}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:.25em .5em;text-align:left}
.num{text-align:right;white-space:nowrap}tr.passed td:first-child{color:#16a34a}tr.failed td:first-child,tr.crashed td:first-child,tr.timed-out td:first-child{color:#dc2626}
.warn{background:#fef3c7;padding:.5em}.note{color:#4b5563}.ok{color:#16a34a;font-weight:600}
figure.timeline{margin:.5em 0;overflow-x:auto}figcaption{font-size:12px;color:#4b5563}
.key{display:inline-block;width:.9em;height:.6em;margin:0 .3em 0 .8em}.tick{font-weight:700;margin:0 .3em 0 .8em}
.cmd{background:#111827;color:#f9fafb}
`;
