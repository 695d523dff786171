package layouts

import (
	"fmt"
	"strconv"
	"strings"
)

var (
	lures      = []string{"paid their families an advance", "promised jobs in the city", "offered marriage into a richer family", "paid for the journey and kept the papers", "came back each season to the same villages"}
	silences   = []string{"The families owed the agents money and could not complain.", "Few of the families knew where their children had gone.", "Those who came back were afraid to speak to the police.", "The villages had no police post within a day's walk.", "Local officials treated the matter as migration for work."}
	teams      = []string{"Women officers", "The district child protection unit", "Railway police", "Village volunteers", "Labour inspectors"}
	traces     = []string{"call records and bank transfers", "bus tickets and hotel registers", "social media accounts and money transfers", "statements of earlier victims"}
	lessons    = []string{"Working with the police of the destination state made the rescue quick and lawful.", "Financial investigation of the agents exposed the whole network.", "Statements recorded on the day of rescue preserved the evidence for the trial.", "A shared register kept every agency working from the same facts."}
	lessonEnds = []string{"early contact with families prevents a second trafficking", "agents move on when the district watches the stations", "survivors testify when they are safe and paid", "a small team can keep the work going for years", "employers stop when the first of them is prosecuted"}
)

// practice is one illustrative case study: a title, where and when, and
// the four parts compendia tell. The text carries numbers that are not
// years (statutes, sections, counts) on purpose.
type practice struct {
	Title, State, District string
	From, To               int // the period, in years
	Problem, Action        string
	Results, Lessons       string
	Figures                []string // as printed: "rescued:40", "rescued:5" (the minors), "arrested:6", "firs:3", "convicted:2"
}

// years are the years a person would give the practice: its period.
func (p practice) years() []int {
	var ys []int
	for y := p.From; y <= p.To; y++ {
		ys = append(ys, y)
	}
	return ys
}

// mentioned are the years its story names where the period is not
// printed: the year it began and the year of the raids.
func (p practice) mentioned() []int {
	if p.From == p.To {
		return []int{p.From}
	}
	return []int{p.From, p.To}
}

// period is how the practice's dates are printed.
func (p practice) period() string {
	if p.From == p.To {
		return strconv.Itoa(p.From)
	}
	return fmt.Sprintf("%d-%d", p.From, p.To)
}

var topics = []struct{ title, state, district, work, victims string }{
	{"Rescue of Bonded Labourers from Brick Kilns in Tiruvallur", "Tamil Nadu", "Tiruvallur", "brick kilns", "workers"},
	{"Tracing Missing Girls through a Shared Register in Dehradun", "Uttarakhand", "Dehradun", "homes in Delhi", "girls"},
	{"Village Vigilance Committees against Child Marriage in Murshidabad", "West Bengal", "Murshidabad", "marriages arranged across states", "girls"},
	{"Joint Raids on Placement Agencies in Ranchi", "Jharkhand", "Ranchi", "domestic work", "girls"},
	{"Financial Investigation of a Spa Network in Gurugram", "Haryana", "Gurugram", "spas", "women"},
	{"Night Patrols at the Howrah Railway Station", "West Bengal", "Howrah", "factories in Mumbai", "children"},
	{"Counselling Rooms at the Women Police Station in Kozhikode", "Kerala", "Kozhikode", "hotels", "women"},
	{"Digital Evidence from Mobile Phones in a Trafficking Ring at Pune", "Maharashtra", "Pune", "dance bars", "women"},
	{"Fast-Track Trials of Traffickers in Guntur", "Andhra Pradesh", "Guntur", "brothels", "women"},
	{"Border Checks with the SSB at Raxaul", "Bihar", "East Champaran", "brothels in Kolkata", "girls"},
	{"Skills and Shelter for Survivors in Bhubaneswar", "Odisha", "Khordha", "garment units", "women"},
	{"Helpline Posters in Every Bus of Rajasthan", "Rajasthan", "Jaipur", "bangle factories", "children"},
	{"Training Hotel Staff to Spot Trafficked Girls in Goa", "Goa", "North Goa", "hotels", "girls"},
	{"Rescue of Child Workers from Zari Units in Hyderabad", "Telangana", "Hyderabad", "zari units", "children"},
	{"School Awareness Campaign in the Tea Gardens of Assam", "Assam", "Dibrugarh", "homes in Delhi", "girls"},
	{"Cyber Patrolling against Online Recruitment in Bengaluru", "Karnataka", "Bengaluru Urban", "fake job offers", "women"},
	{"Inter-State Repatriation of Children from Surat Textile Units", "Gujarat", "Surat", "textile units", "children"},
	{"Panchayat Registers of Migrant Workers in Balangir", "Odisha", "Balangir", "brick kilns", "workers"},
	{"Rescue at Sea of Fishermen Held in Debt in Kutch", "Gujarat", "Kutch", "fishing boats", "workers"},
	{"Mapping Vulnerable Villages with Anganwadi Workers in Sundargarh", "Odisha", "Sundargarh", "homes in Delhi", "girls"},
	{"Victim Compensation through the Legal Services Authority in Nagpur", "Maharashtra", "Nagpur", "brothels", "women"},
	{"Joint Operation against Organ Brokers in Kanpur", "Uttar Pradesh", "Kanpur Nagar", "hospitals", "donors"},
	{"Beggary Rackets Broken up at Temple Towns in Madurai", "Tamil Nadu", "Madurai", "begging", "children"},
	{"Anti Human Trafficking Unit Desk at Guwahati Airport", "Assam", "Kamrup Metropolitan", "jobs abroad", "women"},
	{"Rescue of Circus Children in Sitapur", "Uttar Pradesh", "Sitapur", "circuses", "children"},
	{"Tracking Trafficked Brides from Haryana to Assam", "Haryana", "Mewat", "bought marriages", "women"},
	{"Community Policing with Self-Help Groups in Mandla", "Madhya Pradesh", "Mandla", "domestic work", "girls"},
	{"Raids on Embroidery Units Employing Children in Seelampur", "Delhi", "North East Delhi", "embroidery units", "children"},
	{"Protecting Witnesses in a Brothel Case in Pune", "Maharashtra", "Pune", "brothels", "women"},
	{"Checking Buses at the Inter-State Border in Kathua", "Jammu and Kashmir", "Kathua", "farm labour", "workers"},
	{"Rehabilitation through Dairy Cooperatives in Anand", "Gujarat", "Anand", "dairies", "workers"},
	{"Tracing Children Lost at the Kumbh Mela in Prayagraj", "Uttar Pradesh", "Prayagraj", "begging", "children"},
	{"Special Juvenile Police Units in Every Station of Mizoram", "Mizoram", "Aizawl", "homes in Guwahati", "children"},
	{"Investigating Fake Modelling Agencies in Chandigarh", "Chandigarh", "Chandigarh", "fake modelling jobs", "women"},
	{"Rescue of Domestic Workers Taken to the Gulf from Malappuram", "Kerala", "Malappuram", "jobs abroad", "women"},
	{"Convictions through Scientific Evidence in Raipur", "Chhattisgarh", "Raipur", "homes in Delhi", "girls"},
}

// practices returns n practices starting at topic k, with periods that
// differ from one another and stay in the past.
func practices(k, n int) []practice {
	var out []practice
	for i := 0; i < n; i++ {
		t := topics[(k+i)%len(topics)]
		from := 2008 + (k*7+i*3)%14
		to := from + (i % 3)
		p := practice{Title: t.title, State: t.state, District: t.district, From: from, To: to}
		rescued, minors := 40+(i*37)%180, 5+(i*13)%30
		p.Problem = fmt.Sprintf("Police in %s district of %s learnt in %d that %s were being taken to %s by agents who %s. %s The Bonded Labour System (Abolition) Act, 1976 and section 370 of the Indian Penal Code applied, but no case had been registered in %s before.", t.district, t.state, from, t.victims, t.work, lures[(k+i)%len(lures)], silences[(k+2*i)%len(silences)], t.district)
		p.Action = fmt.Sprintf("The Superintendent of Police of %s formed a team with %s, the labour department and a local NGO. The team traced the agents through %s, and a total of 1985 calls to the helpline were analysed. In %d the team carried out raids on %s with the help of the police of the destination state and recorded the statements of the %s before a magistrate.", t.district, teams[i%len(teams)], traces[i%len(traces)], to, t.work, t.victims)
		p.Results = fmt.Sprintf("%d %s including %d minors were rescued and %d traffickers were arrested. %d FIRs were registered and %d accused were convicted by the sessions court. The rescued %s were produced before the Child Welfare Committee or the magistrate and sent home with compensation.", rescued, t.victims, minors, 6+i%9, 3+i%5, 2+i%4, t.victims)
		p.Figures = []string{"rescued:" + strconv.Itoa(rescued), "rescued:" + strconv.Itoa(minors), "arrested:" + strconv.Itoa(6+i%9),
			"firs:" + strconv.Itoa(3+i%5), "convicted:" + strconv.Itoa(2+i%4)}
		p.Lessons = fmt.Sprintf("%s The %s of %s showed that %s. Other districts can follow the same method with little cost.", lessons[i%len(lessons)], strings.ToLower(teams[(i+1)%len(teams)]), t.district, lessonEnds[(k+i)%len(lessonEnds)])
		out = append(out, p)
	}
	return out
}
