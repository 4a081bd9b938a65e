package ui

import (
	"strconv"
	"strings"
)

// The two languages the page offers.
const (
	EN = "en"
	ZH = "zh"
)

// T returns the UI string key in lang. A missing key shows as the key
// itself, which TestEveryKeyUsedExists keeps from shipping.
func T(lang, key string) string {
	s, ok := uiStrings[key]
	if !ok {
		return key
	}
	if lang == ZH {
		return s[1]
	}
	return s[0]
}

// F formats the UI string key in lang with args: each %s or %d takes the
// next argument (a string or an integer). The page avoids fmt to stay small.
func F(lang, key string, args ...any) string {
	return Sprintf(T(lang, key), args...)
}

// Sprintf is the subset of fmt.Sprintf the UI strings use: %s, %d, %%.
func Sprintf(format string, args ...any) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(format, '%')
		if i < 0 || i == len(format)-1 {
			b.WriteString(format)
			return b.String()
		}
		b.WriteString(format[:i])
		verb := format[i+1]
		format = format[i+2:]
		if verb == '%' {
			b.WriteByte('%')
			continue
		}
		if len(args) == 0 {
			b.WriteString("?")
			continue
		}
		switch a := args[0].(type) {
		case string:
			b.WriteString(a)
		case int:
			b.WriteString(strconv.Itoa(a))
		case int64:
			b.WriteString(strconv.FormatInt(a, 10))
		case float64:
			b.WriteString(strconv.FormatFloat(a, 'f', -1, 64))
		default:
			b.WriteString("?")
		}
		args = args[1:]
	}
}

// uiStrings holds every UI string of the page: {English, Simplified Chinese}.
// Report texts (headlines, evidence, rules) come translated in the result.
var uiStrings = map[string][2]string{
	"reading":                     {"Reading %s: %s of %s", "正在读取 %s：%s / %s"},
	"analysing":                   {"Analysing %s records…", "正在分析 %s 条记录…"},
	"starting":                    {"Starting…", "正在开始…"},
	"loadingSample":               {"Loading the sample report…", "正在加载示例报告…"},
	"cancelled":                   {"Cancelled. Choose a file to start again.", "已取消。请选择文件重新开始。"},
	"workerCrashed":               {"The analysis stopped unexpectedly: %s", "分析意外停止：%s"},
	"sampleFailed":                {"the sample report could not be loaded; reload the page and try again", "无法加载示例报告；请重新加载页面后再试"},
	"noFiles":                     {"Choose at least one report file for each side.", "请为前后两边各选择至少一个报告文件。"},
	"summary":                     {"%s · %s to %s (%s days)", "%s · %s 至 %s（%s 天）"},
	"summaryCounts":               {"%s access intervals · %s apps · %s domains", "%s 个访问区间 · %s 个 App · %s 个域名"},
	"files":                       {"Files", "文件"},
	"newReport":                   {"Open another report", "打开其他报告"},
	"exportJSON":                  {"Findings (JSON)", "发现（JSON）"},
	"exportIntervals":             {"Intervals (CSV)", "访问区间（CSV）"},
	"exportNetwork":               {"Network (CSV)", "网络（CSV）"},
	"print":                       {"Print / PDF", "打印 / PDF"},
	"tabFindings":                 {"Findings", "发现"},
	"tabApps":                     {"Apps", "App"},
	"tabTimeline":                 {"Timeline", "时间线"},
	"tabNetwork":                  {"Network", "网络"},
	"tabFiles":                    {"Files & problems", "文件与问题"},
	"views":                       {"Views", "视图"},
	"noFindings":                  {"No app used a sensitive resource in a way that suggests background use. The report cannot prove what happened in the foreground; see the Apps and Timeline views for everything it holds.", "没有发现 App 以疑似后台的方式使用敏感资源。报告无法证明前台发生了什么；可在“App”和“时间线”视图中查看全部记录。"},
	"serious":                     {"Worth a look", "值得关注"},
	"expectedHead":                {"Expected for these apps", "这些 App 的预期行为"},
	"inUseNote":                   {"%d more uses of a resource look consistent with using the app, such as the camera while taking a photo. The Apps tab lists every app with all its accesses.", "另有 %d 项资源使用与正常使用 App 相符，例如拍照时使用相机。“App”视图列出了每个 App 及其全部访问。"},
	"expectedIntro":               {"Background-like use that the kind of app explains. Shown so you can check it, not as an alarm.", "这类 App 的用途可以解释的类后台行为。列出来供你核对，并非警报。"},
	"verdict.background-likely":   {"Likely while not in use", "很可能在未使用时"},
	"verdict.background-possible": {"Possibly while not in use", "可能在未使用时"},
	"verdict.expected":            {"Expected", "预期行为"},
	"verdict.in-use":              {"While in use", "使用期间"},
	"verdict.":                    {"Network only", "仅网络"},
	"confidence":                  {"Confidence: %s", "可信度：%s"},
	"confidence.high":             {"high", "高"},
	"confidence.medium":           {"medium", "中"},
	"confidence.low":              {"low", "低"},
	"findingFacts":                {"%s times · %s in total · %s at night · %s to %s", "%s 次 · 共 %s · 夜间 %s 次 · %s 至 %s"},
	"andMore":                     {"and %s more", "等另外 %s 个"},
	"showMore":                    {"Show more (%s left)", "显示更多（还有 %s 条）"},
	"evidence":                    {"Evidence", "证据"},
	"cannotTell":                  {"What the report cannot tell", "报告无法说明的"},
	"setting":                     {"How to stop it", "如何阻止"},
	"why":                         {"Why am I seeing this?", "为什么显示这条？"},
	"showOnTimeline":              {"Show on the timeline", "在时间线上查看"},
	"search":                      {"Search", "搜索"},
	"searchApps":                  {"Search apps", "搜索 App"},
	"noMatch":                     {"Nothing matches.", "没有匹配项。"},
	"pageOf":                      {"Page %d of %d · %s rows", "第 %d / %d 页 · %s 行"},
	"prev":                        {"Previous", "上一页"},
	"next":                        {"Next", "下一页"},
	"colApp":                      {"App", "App"},
	"colVerdict":                  {"Concern", "关注程度"},
	"colCategories":               {"Used", "使用"},
	"nDomains":                    {"%s domains", "%s 个域名"},
	"nTrackers":                   {"%s trackers", "%s 个追踪域名"},
	"colDomains":                  {"Domains", "域名"},
	"colHits":                     {"Contacts", "连接次数"},
	"colDomain":                   {"Domain", "域名"},
	"colOwner":                    {"Company", "公司"},
	"colTracking":                 {"Tracking", "追踪"},
	"colApps":                     {"Apps", "App"},
	"colWebsite":                  {"Website", "网站"},
	"colLast":                     {"Last", "最近"},
	"colInitiated":                {"By", "发起"},
	"colCategory":                 {"Resource", "资源"},
	"colCount":                    {"Times", "次数"},
	"colTotal":                    {"Total time", "总时长"},
	"colLine":                     {"Line", "行"},
	"colProblem":                  {"Problem", "问题"},
	"colExcerpt":                  {"Excerpt", "片段"},
	"yes":                         {"yes", "是"},
	"no":                          {"no", "否"},
	"initiated.app":               {"app", "App"},
	"initiated.user":              {"you (web content)", "你（网页内容）"},
	"accesses":                    {"Accesses", "访问"},
	"contacts":                    {"Network contacts", "网络连接"},
	"noAccess":                    {"No access to sensitive resources in this report.", "此报告中没有对敏感资源的访问。"},
	"noContacts":                  {"No network contacts in this report.", "此报告中没有网络连接。"},
	"networkLoading":              {"Reading the network records…", "正在读取网络记录…"},
	"netCompanies":                {"Companies", "公司"},
	"netCompaniesIntro":           {"Which of your apps talk to each company. Apple labels some domains as possibly tracking you across apps and websites.", "你的哪些 App 与各家公司通信。Apple 把部分域名标记为可能跨 App 和网站追踪你。"},
	"netDomains":                  {"Domains", "域名"},
	"netWebsites":                 {"Websites visited in apps", "在 App 内访问的网站"},
	"timelineIntro":               {"Days by hours in the phone's own clock. The shaded band is the night window (%s to %s). Each mark is one access; focus or hover it for its times.", "按手机自身时钟显示的日期与小时。阴影为夜间时段（%s 至 %s）。每个标记是一次访问；聚焦或悬停可查看时间。"},
	"timelineApp":                 {"App", "App"},
	"timelineAll":                 {"All apps with findings", "所有有发现的 App"},
	"timelineEverything":          {"All apps", "所有 App"},
	"timelineCapped":              {"Showing the latest %s of %s days.", "显示最近 %s 天（共 %s 天）。"},
	"timelineMarks":               {"Showing %s of %s accesses.", "显示 %s / %s 次访问。"},
	"timelineEmpty":               {"No accesses to show.", "没有可显示的访问。"},
	"markLabel":                   {"%s, %s: %s to %s, %s", "%s，%s：%s 至 %s，%s"},
	"legend":                      {"Legend", "图例"},
	"night":                       {"night", "夜间"},
	"fileFacts":                   {"%s · %s lines · %s access · %s network records", "%s · %s 行 · %s 条访问 · %s 条网络记录"},
	"badLines":                    {"%s lines could not be read and were skipped; the rest is shown.", "%s 行无法读取，已跳过；其余内容照常显示。"},
	"warnings":                    {"%s lines were unusual and kept out of the analysis.", "%s 行格式异常，未纳入分析。"},
	"moreMessages":                {"Only the first %s problems are listed.", "仅列出前 %s 个问题。"},
	"nothingToShow":               {"None of the files held report records.", "这些文件中没有报告记录。"},
	"compareHead":                 {"What changed", "变化"},
	"compareSides":                {"Before: %s (%s to %s) · After: %s (%s to %s)", "之前：%s（%s 至 %s）· 之后：%s（%s 至 %s）"},
	"compareAccess":               {"Access", "访问"},
	"compareDomains":              {"Domains", "域名"},
	"compareTrackers":             {"Tracking companies", "追踪公司"},
	"compareNone":                 {"Nothing changed.", "没有变化。"},
	"change.started":              {"started", "开始"},
	"change.stopped":              {"stopped", "停止"},
	"change.changed":              {"changed", "变化"},
	"change.same":                 {"same", "相同"},
	"change.new":                  {"new", "新增"},
	"change.gone":                 {"gone", "消失"},
	"colChange":                   {"Change", "变化"},
	"category.photos":             {"Photos", "照片"},
	"category.camera":             {"Camera", "相机"},
	"category.microphone":         {"Microphone", "麦克风"},
	"category.contacts":           {"Contacts", "通讯录"},
	"category.location":           {"Location", "位置"},
	"category.mediaLibrary":       {"Media library", "媒体资料库"},
	"category.screenRecording":    {"Screen recording", "屏幕录制"},
	"category.calendar":           {"Calendar", "日历"},
	"category.userTracking":       {"Tracking permission", "跟踪权限"},
	"category.unknown":            {"Unknown", "未知"},
}
