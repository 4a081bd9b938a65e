// Package present renders the analysis for people reading a terminal: the
// CLI's text output, in English or Chinese, from the same result document
// the page shows.
package present

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"backsight/internal/analysis"
	"backsight/internal/catalog"
)

// Lang is a language of the output.
type Lang string

const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// ParseLang accepts "en", "zh" and locale forms such as "zh_CN.UTF-8" or
// "zh-Hans"; anything else is English.
func ParseLang(s string) Lang {
	if strings.HasPrefix(strings.ToLower(s), "zh") {
		return ZH
	}
	return EN
}

func (l Lang) pick(t analysis.Text) string {
	if l == ZH && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// s returns the UI string for key in l.
func (l Lang) s(key string) string {
	m, ok := strings_[key]
	if !ok {
		return key
	}
	return l.pick(m)
}

var strings_ = map[string]analysis.Text{
	"title":       {EN: "Backsight: what your apps did behind your back", ZH: "Backsight：你的 App 在背后做了什么"},
	"files":       {EN: "Files", ZH: "文件"},
	"fileLine":    {EN: "%d access, %d network records, %d bad lines", ZH: "%d 条访问记录，%d 条网络记录，%d 行有误"},
	"notReport":   {EN: "  %s: not read. %s", ZH: "  %s：未读取。%s"},
	"period":      {EN: "Period", ZH: "时间范围"},
	"days":        {EN: "%.1f days", ZH: "%.1f 天"},
	"to":          {EN: "to", ZH: "至"},
	"counts":      {EN: "%d apps, %d access intervals, %d domains", ZH: "%d 个 App，%d 次访问，%d 个域名"},
	"findings":    {EN: "Findings, most serious first", ZH: "发现（按严重程度排序）"},
	"none":        {EN: "No app used a sensitive resource in a way that points to the background.", ZH: "没有 App 以指向后台的方式使用敏感资源。"},
	"evidence":    {EN: "Evidence", ZH: "证据"},
	"cannotTell":  {EN: "The report cannot tell", ZH: "报告无法说明"},
	"setting":     {EN: "To stop it", ZH: "如何阻止"},
	"why":         {EN: "Expected because", ZH: "属于预期，因为"},
	"inUse":       {EN: "Consistent with use (%d)", ZH: "与正常使用相符（%d）"},
	"network":     {EN: "Network", ZH: "网络"},
	"topDomains":  {EN: "Most contacted domains", ZH: "联系最多的域名"},
	"companies":   {EN: "Tracking companies and the apps that talk to them", ZH: "追踪公司及与其通信的 App"},
	"websites":    {EN: "Websites visited inside apps", ZH: "在 App 内访问的网站"},
	"hits":        {EN: "%d hits", ZH: "%d 次"},
	"apps":        {EN: "%d apps", ZH: "%d 个 App"},
	"app":         {EN: "%d app", ZH: "%d 个 App"},
	"problems":    {EN: "Problems while reading", ZH: "读取时的问题"},
	"moreLines":   {EN: "(%d more not listed)", ZH: "（另有 %d 条未列出）"},
	"compare":     {EN: "What changed", ZH: "变化"},
	"before":      {EN: "Before", ZH: "之前"},
	"after":       {EN: "After", ZH: "之后"},
	"access":      {EN: "Access", ZH: "访问"},
	"noChange":    {EN: "No change in how apps used sensitive resources.", ZH: "App 使用敏感资源的方式没有变化。"},
	"domainsDiff": {EN: "Domains", ZH: "域名"},
	"trackers":    {EN: "Tracking companies", ZH: "追踪公司"},
	"new":         {EN: "new", ZH: "新增"},
	"gone":        {EN: "gone", ZH: "消失"},
	"tracking":    {EN: "tracking", ZH: "追踪"},
	"andMore":     {EN: "... and %d more", ZH: "……另有 %d 个"},
	"sample":      {EN: "(No file given: this is the bundled synthetic sample report, not data from a real phone.)", ZH: "（未指定文件：以下为内置的合成示例报告，并非真实手机数据。）"},
}

var verdicts = map[analysis.Verdict]analysis.Text{
	analysis.BackgroundLikely:   {EN: "likely in the background", ZH: "很可能在后台"},
	analysis.BackgroundPossible: {EN: "possibly in the background", ZH: "可能在后台"},
	analysis.Expected:           {EN: "expected for this kind of app", ZH: "此类 App 的预期行为"},
	analysis.InUse:              {EN: "consistent with use", ZH: "与正常使用相符"},
}

var confidences = map[analysis.Confidence]analysis.Text{
	analysis.High:   {EN: "high confidence", ZH: "高置信度"},
	analysis.Medium: {EN: "medium confidence", ZH: "中等置信度"},
	analysis.Low:    {EN: "low confidence", ZH: "低置信度"},
}

// Options choose what the text shows.
type Options struct {
	Lang   Lang
	Sample bool // the input is the bundled sample: say so
	Top    int  // rows per network table; 0 means 10
}

// Text writes res for a terminal.
func Text(w io.Writer, res *analysis.Result, o Options) error {
	p := &printer{w: w, l: o.Lang}
	top := o.Top
	if top <= 0 {
		top = 10
	}
	l := o.Lang
	p.line(l.s("title"))
	if o.Sample {
		p.line(l.s("sample"))
	}
	p.blank()
	p.line(l.s("files"))
	for _, f := range res.Files {
		if f.NotReport != nil {
			p.line(l.s("notReport"), f.Name, l.pick(*f.NotReport))
			continue
		}
		p.line("  %s: "+l.s("fileLine"), f.Name, f.Access, f.Network, f.BadLines)
	}
	if res.Totals.Files == countNotReports(res.Files) {
		return p.err // nothing was read: the files' messages say why
	}
	if res.Period.Start != "" {
		p.line("%s: %s %s %s (%s)", l.s("period"), res.Period.Start, l.s("to"), res.Period.End, fmt.Sprintf(l.s("days"), res.Period.Days))
	}
	p.line(l.s("counts"), res.Totals.Apps, res.Totals.Intervals, res.Totals.Domains)

	p.blank()
	p.line(l.s("findings"))
	var inUse []analysis.Finding
	shown := 0
	for _, f := range res.Findings {
		if f.Verdict == analysis.InUse {
			inUse = append(inUse, f)
			continue
		}
		shown++
		p.finding(f)
	}
	if shown == 0 {
		p.line("  " + l.s("none"))
	}
	if len(inUse) > 0 {
		p.blank()
		p.line(l.s("inUse"), len(inUse))
		for _, f := range inUse {
			p.line("  - %s · %s · %d×", p.name(f.Name, f.NameZH, f.App), f.Category, f.Count)
		}
	}

	p.network(res.Network, top)
	p.problems(res.Files)
	return p.err
}

func countNotReports(files []analysis.FileInfo) int {
	n := 0
	for _, f := range files {
		if f.NotReport != nil {
			n++
		}
	}
	return n
}

func (p *printer) finding(f analysis.Finding) {
	l := p.l
	p.line("  * %s · %s · %s · %s", p.name(f.Name, f.NameZH, f.App), f.Category, l.pick(verdicts[f.Verdict]), l.pick(confidences[f.Confidence]))
	p.line("    %s", l.pick(f.Headline))
	if f.Expected != nil {
		p.line("    %s: %s", l.s("why"), l.pick(*f.Expected))
	}
	if len(f.Evidence) > 0 {
		p.line("    %s:", l.s("evidence"))
		for _, e := range f.Evidence {
			p.line("      - [%s] %s", e.Rule, l.pick(e.Text))
		}
	}
	p.line("    %s: %s", l.s("cannotTell"), l.pick(f.CannotTell))
	p.line("    %s: %s", l.s("setting"), l.pick(f.Setting))
	p.blank()
}

func (p *printer) network(n analysis.Network, top int) {
	l := p.l
	p.blank()
	p.line(l.s("network"))
	p.line("  %s", l.pick(n.Note))
	if len(n.Domains) > 0 {
		p.line("  %s:", l.s("topDomains"))
		for _, d := range n.Domains[:min(top, len(n.Domains))] {
			mark := ""
			if d.Tracking {
				mark = " [" + l.s("tracking") + "]"
			}
			apps := l.s("apps")
			if len(d.Apps) == 1 {
				apps = l.s("app")
			}
			p.line("    %-40s "+l.s("hits")+", "+apps+"%s", d.Domain, d.Hits, len(d.Apps), mark)
		}
	}
	if len(n.Companies) > 0 {
		p.line("  %s:", l.s("companies"))
		for _, c := range n.Companies[:min(top, len(n.Companies))] {
			p.line("    %s: %s", c.Owner, p.list(p.appNames(c.Apps), 6))
		}
	}
	if len(n.Websites) > 0 {
		p.line("  %s:", l.s("websites"))
		for _, s := range n.Websites[:min(top, len(n.Websites))] {
			p.line("    %s: %s", s.Context, p.list(p.appNames(s.Apps), 6))
		}
	}
}

func (p *printer) problems(files []analysis.FileInfo) {
	var n, listed int
	for _, f := range files {
		n += f.BadLines + f.Warnings
	}
	if n == 0 {
		return
	}
	p.blank()
	p.line(p.l.s("problems"))
	for _, f := range files {
		for _, m := range f.Messages {
			p.line("  %s:%d: %s: %s  %q", m.File, m.Line, m.Severity, m.Text, m.Excerpt)
			listed++
		}
	}
	if n > listed {
		p.line("  "+p.l.s("moreLines"), n-listed)
	}
}

// DiffText writes a comparison for a terminal.
func DiffText(w io.Writer, d *analysis.Diff, o Options) error {
	p := &printer{w: w, l: o.Lang}
	l := o.Lang
	p.line(l.s("compare"))
	p.line("  %s: %s (%s %s %s)", l.s("before"), p.list(d.Before.Files, 5), d.Before.Period.Start, l.s("to"), d.Before.Period.End)
	p.line("  %s: %s (%s %s %s)", l.s("after"), p.list(d.After.Files, 5), d.After.Period.Start, l.s("to"), d.After.Period.End)
	p.blank()
	p.line(l.s("access"))
	changed := 0
	for _, c := range d.Access {
		if c.Change == "same" {
			continue
		}
		changed++
		p.line("  %-8s %s · %s: %s", c.Change, p.name(c.Name, c.NameZH, c.App), c.Category, l.pick(c.Text))
	}
	if changed == 0 {
		p.line("  " + l.s("noChange"))
	}
	if len(d.Domains) > 0 {
		p.blank()
		p.line(l.s("domainsDiff"))
		for _, c := range d.Domains {
			mark := ""
			if c.Tracking {
				mark = " [" + l.s("tracking") + "]"
			}
			p.line("  %-5s %s → %s%s", l.s(c.Change), c.App, c.Domain, mark)
		}
	}
	if len(d.Trackers) > 0 {
		p.blank()
		p.line(l.s("trackers"))
		for _, c := range d.Trackers {
			p.line("  %-5s %s: %s", l.s(c.Change), c.Owner, p.list(c.Apps, 6))
		}
	}
	return p.err
}

type printer struct {
	w   io.Writer
	l   Lang
	err error
}

// line prints one line; every string argument is cleaned, since most come
// from the report.
func (p *printer) line(format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = clean(s)
		}
	}
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) blank() { p.line("") }

func (p *printer) name(en, zh, id string) string {
	n := en
	if p.l == ZH && zh != "" {
		n = zh
	}
	return fmt.Sprintf("%s (%s)", n, id)
}

// appNames names bundle ids for people, from the offline catalog.
func (p *printer) appNames(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		a := catalog.Lookup(id)
		out[i] = a.Name
		if p.l == ZH {
			out[i] = a.NameZH
		}
	}
	return out
}

func (p *printer) list(items []string, most int) string {
	out := make([]string, 0, most+1)
	for i, s := range items {
		if i == most {
			out = append(out, fmt.Sprintf(p.l.s("andMore"), len(items)-most))
			break
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

// clean keeps a string from a report from steering the terminal: control
// characters (escape sequences, new lines) become '?'.
func clean(s string) string {
	if strings.IndexFunc(s, unicode.IsControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return '?'
		}
		return r
	}, s)
}
