package ui

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/compendium-kb/compendium/indexer"
	"github.com/compendium-kb/compendium/kb"
)

type usersPage struct {
	page
	Users   []kb.User
	Errors  map[string]string
	Message string
	Backup  backupNote
}

func (h *handlers) usersPage(c *fiber.Ctx) error {
	us, err := h.accounts.Users(c.UserContext())
	if err != nil {
		return err
	}
	return h.render(c, "users", usersPage{page: h.pageFor(c, "Accounts"), Users: us, Backup: h.backupNote(c.UserContext())})
}

func (h *handlers) addUser(c *fiber.Ctx) error {
	role, _ := kb.ParseRole(c.FormValue("role"))
	var err error
	if h.curation != nil {
		_, err = h.accounts.AdminAddUser(c.UserContext(), h.curation.Audit, *current(c).user, c.FormValue("email"), c.FormValue("name"), role, c.FormValue("unit"), c.FormValue("password"))
	} else {
		_, err = h.accounts.AddUser(c.UserContext(), c.FormValue("email"), c.FormValue("name"), role, c.FormValue("unit"), c.FormValue("password"))
	}
	if ve, ok := err.(*kb.ValidationError); ok {
		us, _ := h.accounts.Users(c.UserContext())
		return h.render(c.Status(fiber.StatusUnprocessableEntity), "users", usersPage{page: h.pageFor(c, "Accounts"), Users: us, Errors: ve.Fields})
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}

func (h *handlers) changeUser(c *fiber.Ctx) error {
	email := c.Params("id")
	ctx, by := c.UserContext(), *current(c).user
	audit := h.audit()
	var err error
	switch c.FormValue("change") {
	case "disable":
		_, err = h.accounts.AdminSetDisabled(ctx, audit, by, email, true)
	case "enable":
		_, err = h.accounts.AdminSetDisabled(ctx, audit, by, email, false)
	case "unlock":
		err = h.accounts.AdminUnlock(ctx, audit, by, email)
	case "role":
		var role kb.Role
		if role, err = kb.ParseRole(c.FormValue("role")); err == nil {
			_, err = h.accounts.AdminSetRole(ctx, audit, by, email, role)
		}
	default:
		err = kb.ErrBadRequest
	}
	if err != nil {
		return err
	}
	return c.Redirect("/admin/users", fiber.StatusSeeOther)
}

type importPage struct {
	page
	Results  []importLine
	Failures []string
	Docs     []kb.Document
}

type importLine struct {
	File, ID, Outcome      string
	Pages, Cases, Proposed int
}

func (h *handlers) importForm(c *fiber.Ctx) error {
	docs, err := h.svc.Documents(c.UserContext())
	if err != nil {
		return err
	}
	return h.render(c, "import", importPage{page: h.pageFor(c, "Import compendia"), Docs: docs})
}

// importUpload imports uploaded compendium PDFs as the index command does:
// each file on its own, failures named and the others still imported.
func (h *handlers) importUpload(c *fiber.Ctx) error {
	p := importPage{page: h.pageFor(c, "Import compendia")}
	form, err := c.MultipartForm()
	if err != nil {
		return fiber.NewError(fiber.StatusBadRequest, "Choose one or more PDF files.")
	}
	for _, fh := range form.File["files"] {
		if fh.Size > maxImportBytes {
			p.Failures = append(p.Failures, fh.Filename+" is larger than 100 MB, more than this server accepts. Split it into parts and import each.")
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(io.LimitReader(f, maxImportBytes+1))
		f.Close()
		if err != nil {
			return err
		}
		res, err := h.importFile(c, fh.Filename, data)
		if err != nil {
			p.Failures = append(p.Failures, h.importFailure(fh.Filename, err))
			continue
		}
		p.Results = append(p.Results, importLine{File: fh.Filename, ID: res.Document.ID, Outcome: string(res.Outcome), Pages: res.Pages,
			Cases: res.Added + res.Updated + res.Unchanged, Proposed: res.Proposed})
	}
	if p.Docs, err = h.svc.Documents(c.UserContext()); err != nil {
		return err
	}
	status := fiber.StatusOK
	if len(p.Failures) > 0 {
		status = fiber.StatusUnprocessableEntity
	}
	return h.render(c.Status(status), "import", p)
}

const maxImportBytes = 100 << 20

// importFile imports one upload: through curation, proposing its case
// studies (publishing those above the threshold when the admin marked the
// source as trusted) and recording who imported it.
func (h *handlers) importFile(c *fiber.Ctx, name string, data []byte) (kb.ImportResult, error) {
	if h.curation == nil {
		return h.importer.Import(c.UserContext(), name, data)
	}
	opts := kb.ImportOptions{Trusted: c.FormValue("trusted") == "on", OCRLang: strings.TrimSpace(c.FormValue("ocr_lang"))}
	if opts.Trusted {
		t, err := strconv.ParseFloat(strings.TrimSpace(c.FormValue("threshold")), 64)
		if err != nil || t < 0 || t > 1 {
			return kb.ImportResult{}, &kb.ValidationError{Fields: map[string]string{"threshold": "Give a confidence from 0 to 1, such as 0.8."}}
		}
		opts.Threshold = t
	}
	res, err := h.curation.Import(c.UserContext(), current(c).user.Actor(), name, data, opts)
	if h.metrics != nil { // the metered importer is not on this path
		h.metrics.countImport(res, err)
	}
	return res, err
}

// audit is the trail admin actions go to; nil without curation.
func (h *handlers) audit() *kb.Audit {
	if h.curation == nil {
		return nil
	}
	return h.curation.Audit
}

// importFailure says in plain words why a file was not imported. A file's
// own problem is explained (indexer.Explain); anything else is ours, is
// logged, and the admin is told to try again.
func (h *handlers) importFailure(file string, err error) string {
	switch {
	case indexer.ClassOf(err) != "":
		return indexer.Explain(err)
	case errors.Is(err, kb.ErrBadRequest):
		return file + ": " + plainMessage(err, kb.ErrBadRequest)
	}
	h.log.Error("import failed", "file", file, "err", err)
	return file + " could not be saved because of a problem on our side. Nothing of it was kept; try again, and tell the administrator if it happens again."
}
