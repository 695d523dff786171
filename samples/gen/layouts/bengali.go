package layouts

import (
	"bytes"
	"html/template"
	"os/exec"
	"strings"
)

// A Bengali compendium printed from a browser in Lohit Bengali: Bengali
// draws three vowel signs before their consonant (ি, ে, ৈ) and splits
// two around it (ো, ৌ), so it tries the reader's ordering beyond Hindi.

func init() {
	register("chromium-bengali", "chromium", bengali)
}

var bengaliPractices = []hindiPractice{
	{Title: "উত্তম উদ্যোগ ১: সীমান্ত এলাকায় নারী ও শিশু পাচার রোধ", Place: "উত্তর ২৪ পরগনা, পশ্চিমবঙ্গ", Period: "2018 থেকে 2020", Years: []int{2018, 2019, 2020},
		Problem: "বাংলাদেশ সীমান্তের গ্রামগুলি থেকে কিশোরীদের কাজের প্রলোভন দেখিয়ে মুম্বাই ও দিল্লিতে নিয়ে যাওয়া হত।",
		Action:  "জেলা পুলিশ মানব পাচার বিরোধী ইউনিট গঠন করে এবং বিদ্যালয়ে সচেতনতা শিবির চালায়। প্রশিক্ষিত মহিলা কনস্টেবলরা রেলস্টেশনে নজরদারি রাখেন।",
		Results: "তিন বছরে ১৮৪ জন কিশোরীকে উদ্ধার করা হয় এবং ৩৭ জন পাচারকারীকে গ্রেফতার করা হয়।",
		Lessons: "গ্রাম পঞ্চায়েত ও স্বেচ্ছাসেবী সংস্থার সঙ্গে নিয়মিত যোগাযোগ সবচেয়ে কার্যকর ছিল।"},
	{Title: "উত্তম উদ্যোগ ২: ইটভাটা থেকে বন্ধক শ্রমিকদের মুক্তি", Place: "মুর্শিদাবাদ, পশ্চিমবঙ্গ", Period: "2021", Years: []int{2021},
		Problem: "ওড়িশা ও ঝাড়খণ্ড থেকে আনা শ্রমিক পরিবারগুলি অগ্রিম টাকার বিনিময়ে ইটভাটায় আটকে ছিল।",
		Action:  "শ্রম দপ্তর, রাজস্ব দপ্তর ও পুলিশের যৌথ দল একসঙ্গে অভিযান চালায় এবং মুক্ত শ্রমিকদের তাৎক্ষণিক সহায়তা দেয়।",
		Results: "দুটি ইটভাটা থেকে ৯২ জন শ্রমিক মুক্ত হন, যাদের মধ্যে ২৬ জন শিশু।",
		Lessons: "অভিযানের আগে শ্রমিকদের নিজ জেলার সঙ্গে যোগাযোগ পুনর্বাসন দ্রুত করে।"},
}

// bengali makes the Bengali compendium; it needs a Bengali font, or
// Chromium prints empty boxes.
func bengali(dir string) (Layout, error) {
	l := Layout{Compendium: true, Title: "মানব পাচার বিরোধী উত্তম উদ্যোগের সংকলন", Year: 2022, Script: "Bengali", Words: BengaliWords()}
	if out, err := exec.Command("fc-list", ":lang=bn", "family").Output(); err != nil || !strings.Contains(string(out), "Bengali") {
		return l, missingError("no Bengali font is installed (Debian: fonts-lohit-beng-bengali)")
	}
	for _, p := range bengaliPractices {
		l.Cases = append(l.Cases, Case{Title: unlabelled(p.Title), Years: p.Years})
	}
	page := strings.NewReplacer(`lang="hi"`, `lang="bn"`, `"Lohit Devanagari"`, `"Lohit Bengali"`,
		"समस्या", "সমস্যা", "की गई कार्रवाई", "গৃহীত পদক্ষেপ", "परिणाम", "ফলাফল", "सीख", "শিক্ষা",
		"गृह मंत्रालय", "স্বরাষ্ট্র মন্ত্রক").Replace(hindiHTML)
	var b bytes.Buffer
	err := template.Must(template.New("").Parse(page)).Execute(&b, map[string]any{
		"Title": l.Title, "Sub": "আইন প্রয়োগকারী সংস্থাগুলির অভিজ্ঞতা", "Year": l.Year, "Cases": bengaliPractices,
	})
	if err != nil {
		return l, err
	}
	if l.File, err = chromiumPDF(dir, "bengali-chromium", b.String()); err != nil {
		return l, err
	}
	return l, locate(l.File, l.Cases, 1)
}

// BengaliWords are the words of the Bengali practices.
func BengaliWords() []string { return practiceWords(bengaliPractices) }
