package main

// practice is one case study written for the samples. The facts follow the
// public record of the 2006-2009 MHA-UNODC project in kind (states, laws,
// kinds of operation); the people, numbers and places are illustrative.
type practice struct {
	Title     string
	States    []string // as the text names them
	District  string
	Station   string
	Period    string
	Problem   string
	Action    string
	Results   string
	Lessons   string
	Highlight []string
}

type section struct {
	Title     string
	Practices []practice
}

var lawEnforcementCompendium = []section{
	{Title: "Best practices by police on rescue and investigation", Practices: []practice{
		{
			Title: "Inter-State Rescue of Trafficked Women from Bhiwandi by Andhra Pradesh Police", States: []string{"Andhra Pradesh", "Maharashtra"},
			District: "Anantapur; Thane", Station: "Kadiri Town PS; Bhiwandi PS", Period: "2007",
			Problem:   "Families in Anantapur district reported that young women recruited with promises of work in tailoring units had stopped calling home. Call records placed their phones in Bhiwandi in Thane district of Maharashtra, a destination area known for brothels run by traffickers from several states.",
			Action:    "The Superintendent of Police formed a raid party of about forty officers, including women constables, and coordinated the inter-state rescue with the Thane police and the NGO Rescue Foundation. Decoy customers confirmed the presence of the women before the raid. Cases were registered under the Immoral Traffic (Prevention) Act at Kadiri Town police station and at Bhiwandi on the complaint of the NGO.",
			Results:   "28 victims were rescued, 5 of them minors, from Andhra Pradesh, West Bengal and Nepal. 9 traffickers were arrested, including the brothel keeper and two recruiters from Anantapur. The rescued women were produced before the magistrate and placed in a government shelter home before repatriation.",
			Lessons:   "Advance contact with the destination police and a trusted NGO made the inter-state rescue quick and lawful. Recording statements of the victims on the day of rescue preserved evidence for the prosecution. The protocol on inter-state rescue should be followed in every such operation.",
			Highlight: []string{"Raid party of about forty officers with women constables", "Joint action with Thane police and Rescue Foundation", "Statements of victims recorded before a magistrate"},
		},
		{
			Title: "Anti Human Trafficking Units of Andhra Pradesh: A Multi-Stakeholder Response", States: []string{"Andhra Pradesh"},
			District: "East Godavari", Station: "AHTU Kakinada", Period: "2007-2008",
			Problem:   "Trafficking cases were registered by different police stations without follow-up, and victims were often treated as offenders under the Immoral Traffic (Prevention) Act. No single unit owned the investigation of organised trafficking networks.",
			Action:    "The first Anti Human Trafficking Units opened in January 2007 with police officers, a prosecutor, a representative of the Women and Child Development department and an NGO partner sitting together. Each AHTU kept a database of traffickers and of missing persons, and trained station house officers of the district.",
			Results:   "In its first year the unit in East Godavari took over 41 cases, charge-sheeted all of them within ninety days, and 63 victims were rescued. 47 traffickers were arrested and 12 were convicted by the end of 2008.",
			Lessons:   "An integrated unit that brings police, prosecution and welfare departments together removes delays at every stage. Training of trainers spread the method to other districts at low cost.",
			Highlight: []string{"Police, prosecutor, welfare officer and NGO in one unit", "Database of traffickers and missing persons", "Charge sheets within ninety days"},
		},
		{
			Title: "Tracing Missing Children through Railway Stations in Bihar", States: []string{"Bihar", "Delhi"},
			District: "Patna", Station: "GRP Patna Junction", Period: "2008",
			Problem: "Children from villages of north Bihar were taken by train to Delhi to work in small factories and homes. Railway stations were the transit points where they could be identified, but the police, the Railway Protection Force and Childline worked separately.",
			Action:  "The Government Railway Police set up a joint desk with the RPF and Childline 1098 at Patna Junction. Constables were trained to spot groups of children travelling with unrelated adults. Information was shared with the Delhi police before the trains arrived.",
			Results: "Over six months 112 children were rescued at Patna and on arrival in Delhi, and 19 agents were arrested. All children were produced before the Child Welfare Committee and restored to their families.",
			Lessons: "Transit points are the best place to intercept child trafficking. A standing desk at the station and a shared register of cases keep the agencies working together.",
		},
		{
			Title: "Dismantling a Placement Agency Network for Domestic Servitude in Delhi", States: []string{"Delhi", "Jharkhand"},
			District: "South West Delhi", Station: "Vasant Kunj PS", Period: "2009",
			Problem: "Girls from tribal districts of Jharkhand were placed as domestic workers in Delhi through unregistered placement agencies. Their wages were taken by the agents, and many were confined in the homes where they worked.",
			Action:  "On a complaint from a girl who escaped, the police traced the placement agency and its sub-agents in Jharkhand. The investigation used bank records of the agency and statements of employers. The Anti Human Trafficking Unit of Delhi worked with the Jharkhand police to arrest the recruiters in their villages.",
			Results: "34 girls were rescued from homes across Delhi, 21 of them minors. 6 agents were arrested and the case was charge-sheeted under the Immoral Traffic (Prevention) Act, the Juvenile Justice Act and the Indian Penal Code.",
			Lessons: "Financial investigation of placement agencies exposes the whole network. Registration of placement agencies and verification of domestic workers prevent domestic servitude.",
		},
		{
			Title: "Freeing Bonded Labourers from Brick Kilns in Tamil Nadu", States: []string{"Tamil Nadu", "Odisha"},
			District: "Tiruvallur", Station: "Gummidipoondi PS", Period: "2008",
			Problem: "Families from Orissa were brought to brick kilns in Tiruvallur district with advances that kept them in debt bondage. Workers were not allowed to leave and children worked beside their parents.",
			Action:  "The district police and the revenue officials raided the kilns together after an NGO documented the conditions. Statements were recorded under the Bonded Labour System (Abolition) Act, and release certificates were issued on the spot by the sub-divisional magistrate.",
			Results: "173 bonded labourers were released, among them 52 children. 4 kiln owners were arrested. The released families were repatriated to Odisha with the help of the Odisha labour department.",
			Lessons: "Joint raids with revenue officials allow release certificates to be issued at once, which is the key to rehabilitation of bonded labour. Coordination with the source state ensures the families receive their rehabilitation grant.",
		},
		{
			Title: "Using Call Detail Records to Trace a Trafficking Network in West Bengal", States: []string{"West Bengal"},
			District: "North 24 Parganas", Station: "Basirhat PS", Period: "2009",
			Problem: "Women from Bangladesh and from border villages were moved through North 24 Parganas to cities across India. The traffickers changed their phone numbers often and used couriers to cross the border.",
			Action:  "The investigating officer analysed call detail records of the arrested courier and mapped the network with the help of the CID cyber cell. The Border Security Force shared information on crossings, and the SSB alerted posts on the Nepal border.",
			Results: "The analysis identified 14 members of the network, 11 of whom were arrested in three states. 26 women were rescued and the main accused was convicted and sentenced to ten years of imprisonment.",
			Lessons: "Technical analysis of phone data turns a single arrest into the arrest of a network. Investigators need training in data analysis and quick access to the cyber cell.",
		},
	}},
	{Title: "Best practices by police on prosecution and victim care", Practices: []practice{
		{
			Title: "Police and NGO Synergy in Law Enforcement: Child Traffickers Convicted in Goa", States: []string{"Goa", "Karnataka"},
			District: "North Goa", Station: "Calangute PS", Period: "2007",
			Problem: "Children from Karnataka were brought to Goa and sexually exploited near tourist beaches. Earlier cases ended in acquittal because child witnesses turned hostile after long delays.",
			Action:  "The police worked with a local NGO that supported the children from rescue to trial. The Child Welfare Committee placed the children in a shelter home, and a support person accompanied each child to court. The police requested an in-camera trial and a special public prosecutor.",
			Results: "All 5 accused were convicted and sentenced to imprisonment of seven to ten years. The court ordered compensation to the victims.",
			Lessons: "Victim support through the trial and a victim-friendly court process prevent witnesses from turning hostile. Police and NGO partnership is the foundation of a successful prosecution.",
		},
		{
			Title: "Victim-Friendly Interview Rooms in Maharashtra Police Stations", States: []string{"Maharashtra"},
			District: "Pune", Station: "Faraskhana PS", Period: "2008",
			Problem: "Rescued women and children were questioned in open police stations in front of the accused, which caused trauma and made them withdraw their statements.",
			Action:  "Pune police set up separate interview rooms with women officers and counsellors. Statements of victims were recorded on video with their consent, and a protocol for counselling before and after recording was adopted.",
			Results: "Over a year 86 victims were interviewed in the rooms, and none of them turned hostile at trial. 22 traffickers were convicted in cases that used these statements.",
			Lessons: "A quiet room, a woman officer and a counsellor cost little and change the outcome of the trial. The model suits every district headquarters.",
		},
		{
			Title: "Fast-Track Prosecution of Trafficking Cases in Karnataka", States: []string{"Karnataka"},
			District: "Bangalore Urban", Station: "Women Police Station, Bangalore", Period: "2009",
			Problem: "Trafficking trials took up to six years, and victims who had returned to their states could not be traced to give evidence.",
			Action:  "The police and the prosecution department agreed to file charge sheets within sixty days and to seek day-to-day trials. Victims who had returned home were brought back at state cost with an escort, and some statements were recorded by video link.",
			Results: "Trials were completed in an average of eleven months, and the conviction rate rose from 18 to 61 per cent. 37 traffickers were convicted in one year.",
			Lessons: "Speed protects victims and witnesses. Video conferencing allows victims to give evidence from their home state without being uprooted again.",
		},
		{
			Title: "Repatriation and Reintegration of Rescued Girls to Nepal", States: []string{"West Bengal"},
			District: "Kolkata", Station: "AHTU Kolkata", Period: "2008",
			Problem: "Girls from Nepal rescued in Kolkata stayed for years in shelter homes because repatriation needed clearance from both governments, and many were re-trafficked after their return.",
			Action:  "The AHTU Kolkata worked with Nepal police, the SSB at the border and NGOs on both sides to verify addresses and families. Each girl had a care plan, and a partner NGO in Nepal followed up for a year after her return.",
			Results: "47 girls were repatriated within four months of rescue, and follow-up visits found none of them re-trafficked in the first year.",
			Lessons: "Cross-border coordination with named contact officers shortens repatriation. Follow-up after return is what prevents re-trafficking.",
		},
		{
			Title: "Training of Trainers for Police and Prosecutors in Bihar", States: []string{"Bihar"},
			District: "Patna", Station: "Bihar Police Academy", Period: "2007-2009",
			Problem: "Most police officers had never investigated a trafficking case and confused it with missing persons or prostitution offences.",
			Action:  "Under the MHA and UNODC project, master trainers were selected from police and prosecution and trained in a three-module course. They then trained station house officers in every district with a handbook and case studies.",
			Results: "120 master trainers trained more than 2,400 officers in two years. Registration of trafficking cases in the state doubled, and more cases were charged under the Immoral Traffic (Prevention) Act.",
			Lessons: "Training of trainers reaches every police station at low cost. Real case studies from the state make the training credible.",
		},
	}},
}

var stateCasebook = []section{
	{Title: "Part A - Prevention and community vigilance", Practices: []practice{
		{
			Title: "Village Vigilance Committees against Trafficking in Jharkhand", States: []string{"Jharkhand"},
			District: "Gumla", Station: "Gumla PS", Period: "2010",
			Problem: "Recruiters visited tribal villages in Gumla offering jobs in cities, and girls left without anyone recording where they went.",
			Action:  "The district police formed vigilance committees in 60 villages with the panchayat, teachers and women's groups. The committees recorded every person leaving the village for work and the name of the recruiter, and shared the register with the police station every month.",
			Results: "Within a year 14 recruiters were identified and 8 were arrested, and 39 girls were stopped from leaving with unlicensed agents.",
			Lessons: "Community registers give the police early warning at the source. Awareness is strongest when villagers run it themselves.",
		},
		{
			Title: "Awareness Campaign in Schools of Assam on Safe Migration", States: []string{"Assam"},
			District: "Sonitpur", Station: "Tezpur PS", Period: "2011",
			Problem: "Adolescent girls in tea garden areas were lured by false offers of marriage and work in other states.",
			Action:  "Police officers visited high schools with a short film, a quiz and the Childline 1098 number. Teachers were trained to report absent students, and students formed clubs to spread the message.",
			Results: "The campaign reached 18,000 students in 140 schools. Reports of missing girls to the police rose at first, and 23 girls were traced and brought back.",
			Lessons: "Schools are where prevention reaches children before the recruiter does. Giving children a number to call works better than warnings alone.",
		},
		{
			Title: "Monitoring Placement Agencies in Chhattisgarh", States: []string{"Chhattisgarh", "Delhi"},
			District: "Jashpur", Station: "Jashpur PS", Period: "2012",
			Problem: "Girls from Jashpur were sent to Delhi by placement agencies that kept no records and paid nothing to the families.",
			Action:  "The police and the labour department made registration of placement agencies compulsory in the district and checked their registers every quarter. Families could report a missing daughter at a help desk in the police station.",
			Results: "27 unregistered agencies were closed, 11 agents were arrested, and 52 girls were traced in Delhi and brought home.",
			Lessons: "Regulating the agencies at the source cuts off the supply of victims for domestic servitude.",
		},
		{
			Title: "Missing Persons Database Linking Uttaranchal and Uttar Pradesh Police", States: []string{"Uttarakhand", "Uttar Pradesh"},
			District: "Dehradun", Station: "AHTU Dehradun", Period: "2006",
			Problem: "Girls reported missing in the hill districts of Uttaranchal were often found years later in Uttar Pradesh, but the two police forces kept separate registers and never matched their records.",
			Action:  "The Uttaranchal police built a shared database of missing persons and unidentified persons with photographs, and gave the Uttar Pradesh police access to search it. Every missing girl was treated as a possible trafficking case until traced.",
			Results: "In the first year 58 missing girls were traced through the database, 17 of them from brothels in Meerut and Agra, and 9 traffickers were arrested.",
			Lessons: "Treating a missing child as a possible victim of trafficking from the first day saves time that investigations later cannot recover. A shared database costs little and crosses state borders.",
		},
	}},
	{Title: "Part B - Rescue, rehabilitation and prosecution", Practices: []practice{
		{
			Title: "Rescue of Child Labourers from Zari Units in Mumbai", States: []string{"Maharashtra", "Bihar"},
			District: "Mumbai City", Station: "Nagpada PS", Period: "2010",
			Problem: "Boys from Bihar worked up to fifteen hours a day in small embroidery units in Bombay, sleeping in the same rooms where they worked.",
			Action:  "The Mumbai police, the labour department and an NGO raided 42 units in one night. The Child Welfare Committee took charge of the boys, and the employers were charged under the Juvenile Justice Act and the Child Labour (Prohibition and Regulation) Act.",
			Results: "155 children were rescued and 38 employers arrested. The boys were escorted home to Bihar, where the district administration enrolled them in school.",
			Lessons: "Large coordinated rescues need planning for shelter, food and escort before the raid. The source district must be ready to receive the children.",
		},
		{
			Title: "Rehabilitation through Skills Training for Survivors in Odisha", States: []string{"Odisha"},
			District: "Ganjam", Station: "Berhampur PS", Period: "2011",
			Problem: "Survivors of trafficking returned to Ganjam with no income and were at risk of being re-trafficked by the same agents.",
			Action:  "The police linked survivors with government skills programmes and a bank for small loans. A woman police officer visited each survivor every quarter, and the local NGO ran a support group.",
			Results: "64 survivors completed training in tailoring, nursing aid and food processing, and 51 found work. None were re-trafficked within two years.",
			Lessons: "Rehabilitation must give survivors a livelihood. Regular contact with a police officer deters the traffickers from returning.",
		},
		{
			Title: "Prosecuting Online Recruitment for Sexual Exploitation in Kerala", States: []string{"Kerala", "Karnataka"},
			District: "Ernakulam", Station: "Cyber PS Ernakulam", Period: "2016",
			Problem: "Traffickers used social media and messaging groups to recruit young women with offers of modelling work, then exploited them in rented flats.",
			Action:  "The cyber police preserved the online evidence, traced the accounts to their users and obtained records from the service providers. Charges were framed under the Information Technology Act, the Immoral Traffic (Prevention) Act and IPC 370.",
			Results: "12 accused were arrested in Kerala and Karnataka, and 19 women were rescued. Digital evidence led to the conviction of 7 accused.",
			Lessons: "Online evidence must be preserved at once and in a form the court accepts. Cyber-enabled recruitment needs cyber police in every trafficking investigation.",
		},
		{
			Title: "Joint Action by RPF and AHTU on Trains from the North East", States: []string{"Assam", "Tamil Nadu"},
			District: "Kamrup", Station: "RPF Guwahati", Period: "2022",
			Problem: "Young people from Assam were taken by train to factories in Tamil Nadu with false promises of pay and were held in forced labour.",
			Action:  "Under Operation AAHT the Railway Protection Force and the AHTU checked long-distance trains at Guwahati with the help of Childline and NGOs. Suspicious groups were counselled and their employers' details verified by phone.",
			Results: "In one year 96 victims were rescued from trains, 31 of them children, and 22 traffickers were arrested. FIRs were registered under BNS 143 after July 2024.",
			Lessons: "Trains are a key transit route. A routine joint check by the RPF and the AHTU makes interception a habit rather than a special drive.",
		},
		{
			Title: "Compensation for Victims through the District Legal Services Authority in Rajasthan", States: []string{"Rajasthan"},
			District: "Jaipur", Station: "AHTU Jaipur", Period: "2018",
			Problem: "Rescued victims rarely received the compensation the law allows, because no one filed the claim.",
			Action:  "The AHTU made filing a claim with the DLSA part of every rescue file. Officers helped victims open bank accounts and followed each claim until payment.",
			Results: "Compensation was paid to 71 victims within a year, an average of Rs 1.2 lakh each.",
			Lessons: "Compensation supports rehabilitation and encourages victims to stay with the prosecution.",
		},
		{
			Title: "Operation Muskaan: Tracing Missing Children in Telangana", States: []string{"Telangana"},
			District: "Hyderabad", Station: "Women Safety Wing", Period: "2015-2016",
			Problem: "Children missing from homes and working in hotels, shops and factories were not reported, and those reported were searched for only in the district where the complaint was made.",
			Action:  "During Operation Smile and Operation Muskaan, teams of police, labour officials and Childline visited every railway station, bus stand, shop and small factory in the district. Photographs of the children found were matched with a face recognition tool against the missing children records of all states. The teams also visited homes for children run by NGOs and the government, and checked their registers against the list of missing children. Each child found was produced before the Child Welfare Committee, which decided on the care plan. Employers who kept children at work were charged under the Juvenile Justice Act and the Child and Adolescent Labour (Prohibition and Regulation) Act. The drive was repeated every January and July so that new cases would not wait a year.",
			Results: "Over two drives 1,363 children were traced, including 282 from other states, and 94 employers were charged. Face recognition alone matched 317 children with missing reports filed elsewhere in India.",
			Lessons: "Regular statewide drives with clear targets bring children home who would otherwise stay lost. Technology that matches photographs across states is the most useful tool for inter-state cases. A drive works only if the Child Welfare Committees and the homes are ready to receive the children found, so they must be part of the planning. The drives also showed where children are put to work, which helps the police prevent child labour in the next year.",
		},
		{
			Title: "Preventing Bride Trafficking into Haryana", States: []string{"Haryana", "Assam", "West Bengal"},
			District: "Mewat", Station: "Nuh PS", Period: "2013",
			Problem: "Girls from Assam and West Bengal were sold into Haryana as brides in forced marriage, some of them minors, and then kept in domestic servitude.",
			Action:  "The Haryana police set up a help desk with the women's commission and an NGO, and visited villages where brides from other states lived. Cases of bought marriage were registered under IPC 370 and the Prohibition of Child Marriage Act.",
			Results: "43 women and girls were identified as trafficked brides, 16 of whom chose to return home with the help of the police of their states. 12 traffickers were arrested.",
			Lessons: "Forced marriage hides trafficking behind a family. Police in the destination state need partners who can speak with the women in their own language.",
		},
	}},
}
