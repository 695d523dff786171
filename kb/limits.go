package kb

import "fmt"

// Bounds on what a user may send. Each list and string has one, so that
// no request can make a record, or a listing of records, grow without
// end: a submission with 500,000 states was once accepted, and listing
// five of them took every officer 9.5 s.
const (
	MaxStates      = 40    // India has 36 states and union territories
	MaxDistricts   = 50    // districts named in the district field
	MaxLinks       = 10    // web addresses
	MaxLinkLength  = 500   // bytes in one web address
	MaxTitleLength = 200   // bytes in a title
	MaxStateLength = 100   // bytes in one state's name as typed
	MaxReason      = 5000  // bytes in a reviewer's reason
	MaxNote        = 5000  // bytes in a trainer's note on a case
	MaxPackItems   = 100   // cases in a pack
	maxField       = 20000 // bytes in one text field; attach a PDF for more
	// MaxListSize is the most records one listing returns.
	MaxListSize = 100
)

// sizeProblems checks only the sizes of the fields, before anything
// walks the lists, and says each field's limit.
func (f SubmissionFields) sizeProblems() map[string]string {
	problems := map[string]string{}
	if len(f.States) > MaxStates {
		problems["states"] = fmt.Sprintf("Name at most %d states or union territories.", MaxStates)
	}
	for _, s := range f.States {
		if len(s) > MaxStateLength {
			problems["states"] = fmt.Sprintf("A state's name is at most %d characters.", MaxStateLength)
		}
	}
	if n := len(splitList(f.District)); n > MaxDistricts {
		problems["district"] = fmt.Sprintf("Name at most %d districts.", MaxDistricts)
	}
	if len(f.Links) > MaxLinks {
		problems["links"] = fmt.Sprintf("Give at most %d links.", MaxLinks)
	}
	if len(f.Figures) > len(FigureQuestions) {
		problems["figures"] = fmt.Sprintf("Give at most %d figures.", len(FigureQuestions))
	}
	for _, fg := range f.Figures {
		if fg.Count < 0 || fg.Count > MaxFigure || len(fg.Measure) > 40 || len(fg.Of) > 60 {
			problems["figures"] = fmt.Sprintf("A figure is a count from 0 to %d of up to 60 characters' worth of people or things.", MaxFigure)
		}
	}
	if len(f.Title) > MaxTitleLength {
		problems["title"] = fmt.Sprintf("Keep the title under %d characters.", MaxTitleLength)
	}
	for name, v := range map[string]string{"district": f.District, "unit": f.Unit, "period": f.Period, "problem": f.Problem,
		"action": f.Action, "results": f.Results, "resources": f.Resources, "lessons": f.Lessons, "evidence": f.Evidence, "laws": f.Laws,
		"partners": f.Partners, "contact": f.Contact} {
		if len(v) > maxField {
			problems[name] = fmt.Sprintf("Keep this under %d characters; attach a PDF for more.", maxField)
		}
	}
	return problems
}

// checkSizes is sizeProblems as an error.
func (f SubmissionFields) checkSizes() error {
	if p := f.sizeProblems(); len(p) > 0 {
		return &ValidationError{Fields: p}
	}
	return nil
}

// ListPage is which slice of a listing to return, newest first.
type ListPage struct {
	Number int // from 1
	Size   int // 1 to MaxListSize; 0 means 50
}

// Bounded returns p with its number and size within range.
func (p ListPage) Bounded() ListPage {
	p.Number = max(p.Number, 1)
	if p.Size <= 0 {
		p.Size = 50
	}
	p.Size = min(p.Size, MaxListSize)
	return p
}

// Skip is how many records come before the page.
func (p ListPage) Skip() int { return (p.Number - 1) * p.Size }
