package main

// Cases for the samples laid out by other tools: a web page printed by
// Chromium and a groff document. Illustrative, like the others.

var trainingDigest = []section{
	{Title: "Investigation and evidence", Practices: []practice{
		{
			Title: "Financial Investigation of a Trafficking Ring in Maharashtra", States: []string{"Maharashtra", "Karnataka"},
			District: "Pune", Station: "Economic Offences Wing", Period: "2014",
			Problem: "A ring that ran spas in Pune and in Belgaum in Karnataka moved women between the two cities. Arrests of managers did not stop it, because the owners stayed out of sight and kept the money.",
			Action:  "Investigators traced rent agreements, bank accounts and money transfers to the owners. Property bought with the proceeds of crime was attached, and the owners were charged along with the managers under the Immoral Traffic (Prevention) Act.",
			Results: "14 women were rescued and 7 accused were arrested, including the two owners. Property worth Rs 2.3 crore was attached and the spas were closed.",
			Lessons: "Following the money reaches the people who profit from trafficking. Attachment of property hurts a ring more than the arrest of its staff.",
		},
		{
			Title: "Digital Evidence from Mobile Phones in a Child Trafficking Case in Assam", States: []string{"Assam", "Delhi"},
			District: "Kokrajhar", Station: "Kokrajhar PS", Period: "2017",
			Problem: "Girls from Kokrajhar were sent to Delhi as domestic workers by an agent who denied knowing them. There were no witnesses to the recruitment.",
			Action:  "The police seized the agent's phone and obtained a forensic report of its messages, call records and photographs. The report linked the agent to the placement agency in Delhi and to payments for each girl.",
			Results: "9 girls were traced and rescued in Delhi, 6 of them minors, and the agent and two others were convicted under IPC 370 and the Juvenile Justice Act.",
			Lessons: "A phone often holds the evidence that witnesses cannot give. Seize it early and send it for forensic examination with a clear request.",
		},
		{
			Title: "Joint Interrogation of Traffickers Arrested in Different States", States: []string{"Odisha", "Andhra Pradesh", "Tamil Nadu"},
			District: "Ganjam", Station: "AHTU Berhampur", Period: "2015",
			Problem: "Labour traffickers arrested in Odisha, Andhra Pradesh and Tamil Nadu were questioned separately, and no one saw that they belonged to one network.",
			Action:  "The AHTUs of the three states held a joint interrogation with the accused produced on transit remand. They compared statements, phone numbers and payment records and drew a chart of the network.",
			Results: "The network was traced from villages in Ganjam to spinning mills in Tamil Nadu. 63 workers were rescued from forced labour and 11 traffickers were charged in one case.",
			Lessons: "Traffickers who cross states must be investigated across states. Joint interrogation needs only agreement between the units and a shared record.",
		},
	}},
	{Title: "Victim care and prevention", Practices: []practice{
		{
			Title: "One-Stop Support at a District Hospital for Rescued Victims in Rajasthan", States: []string{"Rajasthan"},
			District: "Ajmer", Station: "AHTU Ajmer", Period: "2019",
			Problem: "Rescued victims were taken from place to place for medical examination, statements and shelter, and many gave up on the case.",
			Action:  "The police, the health department and the Child Welfare Committee set up a room at the district hospital where a victim received medical care, counselling and legal aid, and gave a statement, in one visit.",
			Results: "126 victims were supported in the first year. The time from rescue to statement fell from four days to one, and fewer victims withdrew from the case.",
			Lessons: "Bringing services to the victim, rather than the victim to the services, keeps victims in the justice process.",
		},
		{
			Title: "Community Policing against Child Marriage in West Bengal", States: []string{"West Bengal"},
			District: "Murshidabad", Station: "Jangipur PS", Period: "2016",
			Problem: "Child marriage was common in the district, and some girls married off young were later trafficked by their husbands or in-laws.",
			Action:  "Police stations worked with schools, panchayats and girls' clubs to report planned marriages of minors. Officers visited the families, counselled them and, where needed, obtained an injunction under the Prohibition of Child Marriage Act.",
			Results: "212 child marriages were stopped in two years. Girls' clubs reported 17 cases of suspected trafficking to the police.",
			Lessons: "Prevention of child marriage is prevention of trafficking. The girls themselves are the best source of information.",
		},
		{
			Title: "Helpline and Safe Migration Desks at Bus Stations in Madhya Pradesh", States: []string{"Madhya Pradesh", "Gujarat"},
			District: "Jhabua", Station: "Jhabua PS", Period: "2018",
			Problem: "Tribal families from Jhabua migrated each season to farms and construction sites in Gujarat, and some fell into bonded labour with contractors.",
			Action:  "The police opened desks at bus stations during the migration season to register workers, their contractors and their destinations, and gave each family a helpline number. Complaints were passed to the police in Gujarat the same day.",
			Results: "More than 9,000 workers were registered in one season. 41 complaints of withheld wages or confinement were resolved, and 3 contractors were arrested for bonded labour.",
			Lessons: "Registering migrants at the source makes it possible to trace them at the destination and deters exploitative contractors.",
		},
	}},
}

var borderCasebook = []practice{
	{
		Title: "Interception of Trafficked Women at the Indo-Nepal Border in Bihar", States: []string{"Bihar"},
		District: "Sitamarhi", Station: "SSB Bhitthamore", Period: "2012",
		Problem: "Women and girls from Nepal were brought across the open border at Sitamarhi and taken by road to cities in India.",
		Action:  "The SSB, the Bihar police and NGOs on both sides of the border ran joint checkpoints. Women travelling with men who were not their relatives were counselled, and their stories verified with their families in Nepal.",
		Results: "In one year 86 women and girls were intercepted and returned to their families, and 24 traffickers were handed to the police.",
		Lessons: "An open border needs joint checking by the border force, the police and NGOs who speak the victims' language.",
	},
	{
		Title: "Repatriation of Bangladeshi Children through a Joint Task Force in West Bengal", States: []string{"West Bengal"},
		District: "North 24 Parganas", Station: "Petrapole", Period: "2011",
		Problem: "Children from Bangladesh rescued in India waited years in shelter homes for repatriation.",
		Action:  "A task force of the state government, the police, the BSF and NGOs agreed a procedure and time limits for verification of nationality and address with the authorities of Bangladesh.",
		Results: "The time to repatriate a child fell from about three years to six months, and 140 children were returned home in the first year of the procedure.",
		Lessons: "Written procedures with time limits and named contact officers on both sides make cross-border repatriation quick.",
	},
	{
		Title: "Railway Protection Force Drive against Child Trafficking in Uttar Pradesh", States: []string{"Uttar Pradesh", "Bihar"},
		District: "Gorakhpur", Station: "RPF Gorakhpur", Period: "2019",
		Problem: "Children from Bihar and Nepal were taken by train through Gorakhpur to work in other states.",
		Action:  "Under Operation Nanhe Farishte the RPF checked trains at Gorakhpur with Childline. Children found travelling alone or with unrelated adults were produced before the Child Welfare Committee.",
		Results: "In one year 317 children were rescued at the station and 42 traffickers were handed to the Government Railway Police.",
		Lessons: "A steady drive at one junction protects children from many districts. Childline staff at the station make the first contact easier for the child.",
	},
	{
		Title: "Sensitising Truck Drivers on a Highway in Andhra Pradesh", States: []string{"Andhra Pradesh"},
		District: "Krishna", Station: "Highway Patrol Vijayawada", Period: "2013",
		Problem: "Girls were moved on highways in trucks and exploited at roadside eateries and lodges.",
		Action:  "The highway patrol trained truck drivers, eatery owners and toll staff to recognise signs of trafficking and to call the police. Posters with the helpline number were put up at every toll plaza.",
		Results: "Calls from the highway led to 19 rescues and the arrest of 12 traffickers in a year.",
		Lessons: "People who work on the road see trafficking first. Training them turns them into the eyes of the police.",
	},
}
