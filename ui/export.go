package ui

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"

	"github.com/compendium-kb/compendium/kb"
)

// Exports stream every practice a search finds, not only a page: rows go
// out as the index yields them, a batch at a time, so memory stays flat
// whatever the number of rows.

// exportColumns are the columns of an export, one row per practice.
// The figure columns are left out where the reader may not read
// statistics (kb/access.go).
func exportColumns(figures bool) []string {
	cols := []string{"id", "title", "url", "states", "districts", "years", "themes", "forms of exploitation",
		"routes", "source areas", "transit points", "destination areas"}
	for _, m := range kb.Measures {
		if figures {
			cols = append(cols, m.Label)
		}
	}
	return append(cols, "evidence label", "source document", "pages", "source pdf", "submitted by", "version")
}

// appendExportRow appends a practice's row to row (an export reuses one
// row's memory for every practice); base makes addresses absolute, so
// that a spreadsheet's links work.
func appendExportRow(row []string, p kb.Practice, base string, figures bool) []string {
	var routes []string
	for _, r := range p.Routes {
		routes = append(routes, r.String())
	}
	years := make([]string, len(p.Years))
	for i, y := range p.Years {
		years[i] = strconv.Itoa(y)
	}
	row = append(row, p.ID, p.Title, base+PracticeURL(p), join(p.States), join(p.Districts), join(years), join(p.Themes),
		join(p.Exploitation), strings.Join(routes, "; "), join(p.RouteRegions("source")), join(p.RouteRegions("transit")),
		join(p.RouteRegions("destination")))
	counts := p.FigureCounts()
	for _, m := range kb.Measures {
		if !figures {
			break
		}
		if n, ok := counts[m.Name]; ok {
			row = append(row, strconv.Itoa(n))
		} else {
			row = append(row, "")
		}
	}
	pages, pdf := "", ""
	if p.Provenance.File != "" {
		pages, pdf = p.Provenance.Pages(), base+PDFURL(p)
	}
	return append(row, p.EvidenceText(), p.Provenance.DocumentTitle, pages, pdf, p.Unit, strconv.Itoa(max(p.Version, 1)))
}

func join(s []string) string { return strings.Join(s, "; ") }

// export answers a search with all its matches as CSV or XLSX.
func (h *handlers) export(c *fiber.Ctx, q kb.Query, format string) error {
	var write func(ctx context.Context, w io.Writer) error
	base := c.BaseURL()
	figures, err := h.mayReadStatistics(c)
	if err != nil {
		return err
	}
	switch format {
	case "csv":
		write = func(ctx context.Context, w io.Writer) error { return h.writeCSV(ctx, w, q, base, figures) }
		c.Set("Content-Type", "text/csv; charset=utf-8")
	case "xlsx":
		write = func(ctx context.Context, w io.Writer) error { return h.writeXLSX(ctx, w, q, base, figures) }
		c.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	default:
		return fmt.Errorf("%w: format must be csv or xlsx", kb.ErrBadRequest)
	}
	c.Set("Content-Disposition", `attachment; filename="practices.`+format+`"`)
	// A query that cannot run fails here, with its status, before a byte
	// of the file is sent.
	if _, err := h.svc.Stats(c.UserContext(), q, "state", false); err != nil {
		return err
	}
	if c.Method() == fiber.MethodHead {
		return nil // no body, so no stream writer to free a place
	}
	release, err := h.exports.admit(c)
	if err != nil {
		return err
	}
	ctx := context.WithoutCancel(c.UserContext())
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		defer release() // the export runs while the response is written, after the handler
		if err := write(ctx, w); err != nil {
			h.log.Error("export failed", "format", format, "err", err) // the status has gone: the file ends short
		}
		_ = w.Flush()
	})
	return nil
}

func (h *handlers) writeCSV(ctx context.Context, out io.Writer, q kb.Query, base string, figures bool) error {
	w, err := newSafeCSV(out)
	if err != nil {
		return err
	}
	cols := exportColumns(figures)
	if err := w.Write(cols); err != nil {
		return err
	}
	row := make([]string, 0, len(cols))
	err = h.svc.Export(ctx, q, func(p kb.Practice) error {
		row = appendExportRow(row[:0], p, base, figures)
		return w.Write(row)
	})
	return errors.Join(err, w.Flush())
}

// writeXLSX uses excelize's stream writer, which keeps rows in a
// temporary file past a few megabytes rather than in memory, with plain
// values and no styles. The workbook is assembled at the end, so an XLSX
// starts to arrive only then; it is zipped straight into the response
// rather than into the buffer excelize's Write fills first (12 MiB for
// 100,000 rows), and at deflate's level 2: on an export's sheet of 7.9 MB
// the default level (6) took 413 ms for 589 KB, level 2 97 ms for 762 KB,
// level 1 54 ms for 836 KB. (Excelize
// patches a zip64 header for Excel when a sheet passes 4 GiB; written
// straight out it cannot, which would take some 3 million rows.)
func (h *handlers) writeXLSX(ctx context.Context, out io.Writer, q kb.Query, base string, figures bool) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(out)
		zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, 2) })
		return zw
	})
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	cols := exportColumns(figures)
	first := slices.Index(cols, kb.Measures[0].Label) // -1 without figures
	cells := make([]any, len(cols))                   // one row's cells, reused: SetRow writes them at once
	values := make([]string, 0, len(cols))
	row := 1
	put := func(values []string) error {
		for i, v := range values {
			cells[i] = spreadsheetCell(v)
			if first >= 0 && i >= first && i < first+len(kb.Measures) && v != "" {
				if n, err := strconv.Atoi(v); err == nil {
					cells[i] = n // figures as numbers, to sum in the sheet
				}
			}
		}
		cell, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(cell, cells[:len(values)])
	}
	if err := put(cols); err != nil {
		return err
	}
	if err := h.svc.Export(ctx, q, func(p kb.Practice) error {
		values = appendExportRow(values[:0], p, base, figures)
		return put(values)
	}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(io.Discard) // the zip writer above writes to out; excelize's own buffer stays empty
}
