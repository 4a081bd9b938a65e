package catalog

import "strings"

// Purpose says what an app is for, as far as its sensitive accesses go.
type Purpose string

// The purposes. Names are stable: they appear in the catalog data and may be
// shown or exported by callers.
const (
	PurposeUnknown      Purpose = ""
	PurposeBackup       Purpose = "backup"
	PurposeWeather      Purpose = "weather"
	PurposeMaps         Purpose = "maps"
	PurposeFitness      Purpose = "fitness"
	PurposeMusic        Purpose = "music"
	PurposeMessenger    Purpose = "messenger"
	PurposeCalls        Purpose = "calls"
	PurposeSocial       Purpose = "social"
	PurposeShortVideo   Purpose = "shortVideo"
	PurposeVideo        Purpose = "video"
	PurposeShopping     Purpose = "shopping"
	PurposePayment      Purpose = "payment"
	PurposeBanking      Purpose = "banking"
	PurposeTravel       Purpose = "travel"
	PurposeTransit      Purpose = "transit"
	PurposeRide         Purpose = "ride"
	PurposeFood         Purpose = "food"
	PurposeNews         Purpose = "news"
	PurposeCamera       Purpose = "camera"
	PurposePhoto        Purpose = "photo"
	PurposeBrowser      Purpose = "browser"
	PurposeMail         Purpose = "mail"
	PurposeProductivity Purpose = "productivity"
	PurposeHealth       Purpose = "health"
	PurposeGame         Purpose = "game"
	PurposeDating       Purpose = "dating"
	PurposeSmartHome    Purpose = "smartHome"
	PurposeEducation    Purpose = "education"
	PurposeUtility      Purpose = "utility"
	PurposeSystem       Purpose = "system"
)

// purposeNames holds the English and Chinese name of each purpose; a purpose
// is valid exactly when it is listed here.
var purposeNames = map[Purpose][2]string{
	PurposeUnknown:      {"unknown", "未知"},
	PurposeBackup:       {"photo backup", "照片备份"},
	PurposeWeather:      {"weather", "天气"},
	PurposeMaps:         {"maps and navigation", "地图导航"},
	PurposeFitness:      {"fitness", "运动健身"},
	PurposeMusic:        {"music and audio", "音乐与音频"},
	PurposeMessenger:    {"messaging", "即时通讯"},
	PurposeCalls:        {"calls and meetings", "通话与会议"},
	PurposeSocial:       {"social network", "社交网络"},
	PurposeShortVideo:   {"short video", "短视频"},
	PurposeVideo:        {"video streaming", "视频"},
	PurposeShopping:     {"shopping", "购物"},
	PurposePayment:      {"payments", "支付"},
	PurposeBanking:      {"banking and finance", "银行与理财"},
	PurposeTravel:       {"travel booking", "旅行预订"},
	PurposeTransit:      {"public transport", "公共交通"},
	PurposeRide:         {"rides and scooters", "打车与共享出行"},
	PurposeFood:         {"food and local services", "外卖与本地生活"},
	PurposeNews:         {"news", "新闻资讯"},
	PurposeCamera:       {"camera", "相机"},
	PurposePhoto:        {"photos", "照片"},
	PurposeBrowser:      {"web browser", "浏览器"},
	PurposeMail:         {"mail", "邮件"},
	PurposeProductivity: {"productivity", "办公效率"},
	PurposeHealth:       {"health", "健康"},
	PurposeGame:         {"game", "游戏"},
	PurposeDating:       {"dating", "交友"},
	PurposeSmartHome:    {"smart home", "智能家居"},
	PurposeEducation:    {"education", "教育"},
	PurposeUtility:      {"utility", "工具"},
	PurposeSystem:       {"system", "系统"},
}

// PurposeName returns the English and Chinese name of p ("photo backup",
// "照片备份"); an unlisted purpose is named by its own string.
func PurposeName(p Purpose) (en, zh string) {
	if n, ok := purposeNames[p]; ok {
		return n[0], n[1]
	}
	return string(p), string(p)
}

// Valid reports whether p is one of the purposes above.
func (p Purpose) Valid() bool {
	_, ok := purposeNames[p]
	return ok
}

// reason is an explanation in English and Chinese.
type reason struct{ en, zh string }

// expected lists, per purpose, the categories whose use, also in the
// background, is part of what such an app is for.
var expected = map[Purpose]map[string]reason{
	PurposeBackup: {
		"photos": {"a backup app reads the library to upload new photos, also in the background", "备份应用会读取照片图库以上传新照片，后台也会进行"},
	},
	PurposeWeather: {
		"location": {"a weather app with a widget or alerts reads location in the background to show the weather where you are", "带小组件或天气预警的天气应用会在后台读取位置，以显示你所在地的天气"},
	},
	PurposeMaps: {
		"location": {"maps and navigation follow your location, also with the screen off, to guide you and share where you are", "地图导航应用会持续读取位置（锁屏时也会），用于导航和位置共享"},
		"contacts": {"maps show your contacts' addresses as destinations", "地图应用会把联系人的地址作为目的地显示"},
	},
	PurposeFitness: {
		"location": {"a fitness app records your route during a workout, also with the screen off", "运动应用会在锻炼时记录路线，锁屏时也会"},
	},
	PurposeMusic: {
		"mediaLibrary": {"a music or audio app reads the media library to play and match your music, podcasts and books", "音乐与音频应用会读取媒体资料库，以播放和匹配你的音乐、播客和有声书"},
	},
	PurposeMessenger: {
		"microphone":      {"calls keep the microphone on when you switch apps or lock the screen", "通话时切换应用或锁屏，麦克风仍会保持开启"},
		"camera":          {"video calls use the camera; picture in picture keeps it on outside the app", "视频通话会使用相机，画中画模式下离开应用后仍会开启"},
		"contacts":        {"a messenger matches your address book to show who else uses it", "即时通讯应用会比对通讯录，以显示哪些联系人也在使用它"},
		"screenRecording": {"sharing your screen in a call records the screen", "通话中共享屏幕会录制屏幕"},
	},
	PurposeCalls: {
		"microphone":      {"calls keep the microphone on when you switch apps or lock the screen", "通话时切换应用或锁屏，麦克风仍会保持开启"},
		"camera":          {"video calls use the camera; picture in picture keeps it on outside the app", "视频通话会使用相机，画中画模式下离开应用后仍会开启"},
		"contacts":        {"a calling app shows who is calling from your contacts", "通话应用会从通讯录中显示来电者"},
		"screenRecording": {"sharing your screen in a call or meeting records the screen", "在通话或会议中共享屏幕会录制屏幕"},
	},
	PurposePayment: {
		"contacts": {"a payment app matches your contacts to send money by phone number", "支付应用会比对通讯录，以便按手机号转账"},
	},
	PurposeRide: {
		"location": {"ride and scooter apps follow your trip to show the route and work out the fare", "打车和共享出行应用会跟踪行程，以显示路线并计算费用"},
	},
	PurposeTransit: {
		"location": {"public transport apps show stops near you and, with automatic tickets, follow your journey in the background", "公共交通应用会显示附近的站点；使用自动购票时会在后台跟踪行程"},
	},
	PurposeCamera: {
		"camera":     {"taking photos and videos is what a camera app is for", "拍照和录像正是相机应用的用途"},
		"microphone": {"a camera app records sound with videos", "相机应用录像时会录音"},
		"photos":     {"a camera app saves to the library and shows what you took", "相机应用会把照片存入图库并显示刚拍的照片"},
		"location":   {"a camera app tags photos with where they were taken", "相机应用会为照片标记拍摄地点"},
	},
	PurposePhoto: {
		"photos": {"a photo app organises the library and analyses new photos (faces, places, memories), also in the background", "照片应用会整理图库并分析新照片（人物、地点、回忆），后台也会进行"},
	},
	PurposeMail: {
		"contacts": {"a mail app shows names and completes addresses from your contacts", "邮件应用会用通讯录显示姓名并补全地址"},
		"calendar": {"a mail app adds invitations to your calendar", "邮件应用会把邀请添加到日历"},
	},
	PurposeProductivity: {
		"calendar": {"calendar and to-do apps sync your calendar", "日历和待办应用会同步你的日历"},
	},
	PurposeSmartHome: {
		"location": {"home apps use your location for arrive and leave automations", "智能家居应用会用位置触发到家、离家自动化"},
	},
}

// appSpecific covers single apps whose features go beyond their purpose,
// keyed by lower-cased bundle id and category.
var appSpecific = map[[2]string]reason{
	{"com.apple.reminders", "location"}:       {"Reminders checks your location for reminders set to go off when you arrive or leave", "提醒事项会读取位置，以便在你到达或离开某地时提醒"},
	{"com.apple.mobilecal", "location"}:       {"Calendar uses your location to work out travel time to events", "日历会用位置计算前往日程地点的路程时间"},
	{"com.apple.passbook", "location"}:        {"Wallet shows passes and cards near the place where they are used", "钱包会在使用地点附近显示相应的卡券"},
	{"com.apple.findmy", "location"}:          {"Find My shares your location with people and devices you chose", "查找会与你选择的联系人和设备共享你的位置"},
	{"com.apple.findmy", "contacts"}:          {"Find My shows the people who share their location with you by their contact names", "查找会用通讯录中的名字显示与你共享位置的人"},
	{"com.apple.ibooks", "mediaLibrary"}:      {"Books plays your audiobooks from the media library", "图书会从媒体资料库播放你的有声书"},
	{"com.apple.bridge", "mediaLibrary"}:      {"the Watch app syncs music and podcasts from the media library to your Apple Watch", "手表应用会把媒体资料库中的音乐和播客同步到 Apple Watch"},
	{"com.apple.facetime", "screenRecording"}: {"FaceTime records the screen when you share it in a call (SharePlay)", "在 FaceTime 通话中共享屏幕（同播共享）时会录制屏幕"},
}

// notExpected explains, per purpose and category, the cases people ask about
// most, where the generic sentence would say too little.
var notExpected = map[Purpose]map[string]reason{
	PurposeMessenger: {
		"photos":   {"a messenger needs photos only when you pick one to send; reading the library in the background is not part of chatting", "即时通讯应用只在你选择照片发送时才需要照片；在后台读取图库不是聊天所需"},
		"location": {"a messenger needs location only when you send it; live location you chose to share is the one exception", "即时通讯应用只在你发送位置时才需要位置；你主动开启的实时位置共享除外"},
	},
	PurposeSocial: {
		"photos": {"a social app needs photos only when you post; reading the library in the background is not part of posting", "社交应用只在你发布内容时才需要照片；在后台读取图库不是发布所需"},
	},
	PurposeShortVideo: {
		"photos": {"a short video app needs the library only when you post; reading it in the background is not part of that", "短视频应用只在你发布时才需要图库；在后台读取图库不是发布所需"},
	},
	PurposeShopping: {
		"photos": {"a shopping app needs photos only for a picture search or a review you write; reading the library in the background is not part of shopping", "购物应用只在拍照搜索或写评价时才需要照片；在后台读取图库不是购物所需"},
	},
}

// categoryNames names the categories in running text.
var categoryNames = map[string][2]string{
	"photos":          {"your photos", "照片"},
	"location":        {"your location", "位置"},
	"contacts":        {"your contacts", "通讯录"},
	"camera":          {"the camera", "相机"},
	"microphone":      {"the microphone", "麦克风"},
	"mediaLibrary":    {"your media library", "媒体资料库"},
	"screenRecording": {"screen recording", "屏幕录制"},
	"calendar":        {"your calendar", "日历"},
	"userTracking":    {"tracking across apps", "跨应用跟踪"},
}

// Expected says whether using category (the report's name: "photos",
// "location", "contacts", ...) in the background, at times you may not have
// been looking, is part of what app is for, with the reason in English and
// Chinese. The reason is worded for a person reading a finding.
func Expected(app App, category string) (ok bool, reasonEN, reasonZH string) {
	if r, hit := appSpecific[[2]string{strings.ToLower(app.ID), category}]; hit {
		return true, r.en, r.zh
	}
	if r, hit := expected[app.Purpose][category]; hit {
		return true, r.en, r.zh
	}
	// Apple's own apps read contacts to show names and your own contact card
	// (My Card, for your name, addresses and Health ID); that is iOS itself.
	if app.Apple && category == "contacts" {
		return true, "Apple's own apps read your own contact card (My Card) and show names from your contacts; this is part of iOS", "Apple 自带应用会读取你自己的联系人名片（我的名片）并用通讯录显示姓名，这是 iOS 的一部分"
	}
	if r, hit := notExpected[app.Purpose][category]; hit {
		return false, r.en, r.zh
	}
	cat, known := categoryNames[category]
	if !known {
		// A category iOS may add later, or a hostile one: quote it, bounded.
		q := "“" + readable(category) + "”"
		cat = [2]string{q, q}
	}
	if app.Purpose == PurposeUnknown {
		return false, "the catalog does not know what this app is for, so nothing explains its use of " + cat[0] + " in the background",
			"目录中没有此应用的用途信息，无法解释它为何在后台使用" + cat[1]
	}
	en, zh := PurposeName(app.Purpose)
	return false, "using " + cat[0] + " in the background is not part of what " + article(en) + " " + en + " app is for",
		"在后台使用" + cat[1] + "不是" + zh + "类应用的用途所需"
}

// article picks "a" or "an" for the word that follows.
func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}
