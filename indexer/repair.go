package indexer

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
)

// The PDF library reads a file only through its cross-reference table and
// trusts every stream's /Length. Damaged files break both. repair rebuilds
// the file the way other readers do: find every object by scanning, fix
// stream lengths from where "endstream" really is, unpack object streams,
// and write a fresh cross-reference table and trailer.

var (
	objRE       = regexp.MustCompile(`(?m)(?:^|[\r\n\s])(\d{1,7})\s+(\d{1,5})\s+obj\b`)
	lengthRE    = regexp.MustCompile(`/Length\s+(?:\d+\s+\d+\s+R|\d+)`)
	rootRE      = regexp.MustCompile(`/Root\s+(\d+)\s+(\d+)\s+R`)
	infoRE      = regexp.MustCompile(`/Info\s+(\d+)\s+(\d+)\s+R`)
	catalogRE   = regexp.MustCompile(`/Type\s*/Catalog\b`)
	xrefTypeRE  = regexp.MustCompile(`/Type\s*/XRef\b`)
	objStmRE    = regexp.MustCompile(`/Type\s*/ObjStm\b`)
	encryptRE   = regexp.MustCompile(`/Encrypt\b`)
	streamKwRE  = regexp.MustCompile(`stream\r?\n`)
	prevRE      = regexp.MustCompile(`/Prev\s+(\d+)`)
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)`)
)

type scannedObj struct {
	num, gen int
	body     []byte // what stands between "obj" and "endobj"
}

var errNothingToRepair = errors.New("no objects to rebuild the file from")

// repair returns a rebuilt, unencrypted copy of a damaged or encrypted PDF.
func repair(data []byte) ([]byte, error) {
	objs := scanObjects(data)
	if len(objs) == 0 {
		return nil, errNothingToRepair
	}
	if encryptRE.Match(data) {
		raw := map[int]scannedObj{}
		for _, o := range objs {
			raw[o.num] = o
		}
		sec, err := readSecurity(data, raw)
		if err != nil {
			return nil, err
		}
		encNum := -1
		if m := encryptRefRE.FindAllSubmatch(data, -1); m != nil {
			encNum, _ = strconv.Atoi(string(m[len(m)-1][1]))
		}
		clear := objs[:0]
		for _, o := range objs {
			if o.num == encNum || xrefTypeRE.Match(dictPart(o.body)) {
				continue
			}
			clear = append(clear, sec.decryptObject(o))
		}
		objs = clear
	}
	byNum := map[int]scannedObj{}
	for _, o := range objs {
		switch {
		case xrefTypeRE.Match(dictPart(o.body)):
			continue // the broken cross-reference streams are what we replace
		case objStmRE.Match(dictPart(o.body)):
			for _, inner := range unpackObjStm(o.body) {
				if _, seen := byNum[inner.num]; !seen {
					byNum[inner.num] = inner
				}
			}
			continue
		}
		byNum[o.num] = o // a later definition wins, as in an incremental update
	}
	root := findRoot(data, byNum)
	if root < 0 {
		return nil, errors.New("no document catalog found")
	}
	nums := make([]int, 0, len(byNum))
	for n := range byNum {
		nums = append(nums, n)
	}
	sort.Ints(nums)
	var out bytes.Buffer
	out.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := map[int]int{}
	for _, n := range nums {
		o := byNum[n]
		offsets[n] = out.Len()
		fmt.Fprintf(&out, "%d %d obj\n", n, o.gen)
		out.Write(o.body)
		out.WriteString("\nendobj\n")
	}
	size := nums[len(nums)-1] + 1
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f\r\n", size)
	for n := 1; n < size; n++ {
		if off, ok := offsets[n]; ok {
			fmt.Fprintf(&out, "%010d %05d n\r\n", off, byNum[n].gen)
		} else {
			out.WriteString("0000000000 65535 f\r\n")
		}
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d %d R", size, root, byNum[root].gen)
	if m := infoRE.FindSubmatch(data); m != nil {
		if n, _ := strconv.Atoi(string(m[1])); byNum[n].body != nil {
			fmt.Fprintf(&out, " /Info %d %s R", n, m[2])
		}
	}
	fmt.Fprintf(&out, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// scanObjects finds "N G obj … endobj" by scanning, and fixes each
// stream's /Length to the bytes before its "endstream".
// streamContent is a stream's data, given what stands between "stream"
// and "endstream". The end-of-line before "endstream" is not data, but
// only one may go: encrypted or compressed data may itself end in CR or
// LF bytes. A direct /Length that lands on that end of line is trusted.
func streamContent(dict, raw []byte) []byte {
	if m := directLengthRE.FindSubmatch(dict); m != nil && len(m[2]) == 0 {
		if n, err := strconv.Atoi(string(m[1])); err == nil && n <= len(raw) && len(bytes.TrimLeft(raw[n:], "\r\n")) == 0 && len(raw)-n <= 2 {
			return raw[:n]
		}
	}
	switch {
	case bytes.HasSuffix(raw, []byte("\r\n")):
		return raw[:len(raw)-2]
	case bytes.HasSuffix(raw, []byte("\n")), bytes.HasSuffix(raw, []byte("\r")):
		return raw[:len(raw)-1]
	}
	return raw
}

var directLengthRE = regexp.MustCompile(`/Length\s+(\d+)(\s+\d+\s+R)?`)

func scanObjects(data []byte) []scannedObj {
	var out []scannedObj
	locs := objRE.FindAllSubmatchIndex(data, -1)
	for i, loc := range locs {
		num, _ := strconv.Atoi(string(data[loc[2]:loc[3]]))
		gen, _ := strconv.Atoi(string(data[loc[4]:loc[5]]))
		start := loc[1]
		limit := len(data)
		if i+1 < len(locs) {
			limit = locs[i+1][0]
		}
		body := data[start:limit]
		if s := streamKwRE.FindIndex(body); s != nil && !bytes.Contains(body[:s[0]], []byte("endobj")) {
			dataStart := s[1]
			end := bytes.Index(body[dataStart:], []byte("endstream"))
			if end < 0 {
				// The stream runs into the next object; search the file.
				end = bytes.Index(data[start+dataStart:], []byte("endstream"))
				if end < 0 {
					continue
				}
				body = data[start : start+dataStart+end+len("endstream")]
			} else {
				body = body[:dataStart+end+len("endstream")]
			}
			head := stripComments(body[:s[0]])
			content := streamContent(head, body[dataStart:dataStart+end])
			dict := lengthRE.ReplaceAll(head, []byte("/Length "+strconv.Itoa(len(content))))
			if !lengthRE.Match(dict) {
				dict = append(bytes.TrimRight(bytes.TrimSpace(dict), ">"), []byte(fmt.Sprintf(" /Length %d >>", len(content)))...)
			}
			rebuilt := make([]byte, 0, len(dict)+len(content)+32)
			rebuilt = append(rebuilt, dict...)
			rebuilt = append(rebuilt, "stream\n"...)
			rebuilt = append(rebuilt, content...)
			rebuilt = append(rebuilt, "\nendstream"...)
			out = append(out, scannedObj{num: num, gen: gen, body: rebuilt})
			continue
		}
		if e := bytes.Index(body, []byte("endobj")); e >= 0 {
			body = body[:e]
		}
		out = append(out, scannedObj{num: num, gen: gen, body: bytes.TrimSpace(body)})
	}
	return out
}

// stripComments drops PDF comments (% to the end of the line, outside
// strings) from a dictionary, so that a "/Length" in a comment is not
// taken for the stream's length: pdfium's hello_world.pdf says "does not
// use /Length 83" in one.
func stripComments(dict []byte) []byte {
	out := make([]byte, 0, len(dict))
	depth, comment := 0, false
	for i := 0; i < len(dict); i++ {
		b := dict[i]
		switch {
		case comment:
			if b == '\r' || b == '\n' {
				comment = false
				out = append(out, b)
			}
			continue
		case depth > 0 && b == '\\' && i+1 < len(dict):
			out = append(out, b, dict[i+1])
			i++
			continue
		case b == '(':
			depth++
		case b == ')' && depth > 0:
			depth--
		case b == '%' && depth == 0:
			comment = true
			continue
		}
		out = append(out, b)
	}
	return out
}

func dictPart(body []byte) []byte {
	if i := bytes.Index(body, []byte("stream")); i >= 0 {
		return body[:i]
	}
	return body
}

// unpackObjStm returns the objects packed in an object stream, if its
// filter is one we can undo here (none, or Flate without a predictor).
func unpackObjStm(body []byte) []scannedObj {
	s := streamKwRE.FindIndex(body)
	if s == nil {
		return nil
	}
	dict := body[:s[0]]
	raw := bytes.TrimSuffix(body[s[1]:], []byte("\nendstream"))
	if bytes.Contains(dict, []byte("/FlateDecode")) {
		zr, err := zlib.NewReader(bytes.NewReader(raw))
		if err != nil {
			return nil
		}
		dec, _ := io.ReadAll(io.LimitReader(zr, 64<<20))
		raw = dec
	} else if bytes.Contains(dict, []byte("/Filter")) {
		return nil
	}
	n := intAfter(dict, "/N")
	first := intAfter(dict, "/First")
	if n <= 0 || first <= 0 || first > len(raw) {
		return nil
	}
	head := bytes.Fields(raw[:first])
	var out []scannedObj
	for i := 0; i+1 < len(head) && i/2 < n; i += 2 {
		num, err1 := strconv.Atoi(string(head[i]))
		off, err2 := strconv.Atoi(string(head[i+1]))
		if err1 != nil || err2 != nil || first+off > len(raw) {
			continue
		}
		end := len(raw)
		if i+3 < len(head) {
			if next, err := strconv.Atoi(string(head[i+3])); err == nil && first+next <= len(raw) && next >= off {
				end = first + next
			}
		}
		out = append(out, scannedObj{num: num, body: bytes.TrimSpace(raw[first+off : end])})
	}
	return out
}

func intAfter(dict []byte, key string) int {
	m := regexp.MustCompile(regexp.QuoteMeta(key) + `\s+(\d+)`).FindSubmatch(dict)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// findRoot takes the catalog named by the last trailer that names one we
// have, or else any object that says it is a catalog.
func findRoot(data []byte, objs map[int]scannedObj) int {
	ms := rootRE.FindAllSubmatch(data, -1)
	for i := len(ms) - 1; i >= 0; i-- {
		n, _ := strconv.Atoi(string(ms[i][1]))
		if o, ok := objs[n]; ok && catalogRE.Match(o.body) {
			return n
		}
	}
	best := -1
	for n, o := range objs {
		if catalogRE.Match(dictPart(o.body)) && n > best {
			best = n
		}
	}
	return best
}

// xrefLoops reports whether the chain of cross-reference sections, followed
// through /Prev, comes back on itself: the library would follow it forever.
func xrefLoops(data []byte) bool {
	tail := data[max(0, len(data)-1024):]
	m := startxrefRE.FindAllSubmatch(tail, -1)
	if m == nil {
		return false
	}
	off, _ := strconv.Atoi(string(m[len(m)-1][1]))
	seen := map[int]bool{}
	for steps := 0; steps < 1000; steps++ {
		if off <= 0 || off >= len(data) {
			return false
		}
		if seen[off] {
			return true
		}
		seen[off] = true
		window := data[off:min(len(data), off+64<<10)]
		end := bytes.Index(window, []byte("startxref"))
		if end < 0 {
			end = len(window)
		}
		p := prevRE.FindSubmatch(window[:end])
		if p == nil {
			return false
		}
		off, _ = strconv.Atoi(string(p[1]))
	}
	return true
}
