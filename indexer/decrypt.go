package indexer

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"regexp"
	"strconv"
)

// Many published PDFs are encrypted with an empty user password: anyone
// may open them, only printing or copying is restricted. The library reads
// RC4-128 and AES-128 but not RC4-40 with crypt filters, nor AES-256.
// decryptObjects undoes the standard security handler for such files, so
// that repair can write a plain copy.

var errNeedsPassword = errors.New("encrypted with a password")

var padding = []byte{0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A}

var (
	encryptRefRE = regexp.MustCompile(`/Encrypt\s+(\d+)\s+(\d+)\s+R`)
	idRE         = regexp.MustCompile(`/ID\s*\[\s*(<[0-9A-Fa-f\s]*>|\((?:[^()\\]|\\.)*\))`)
)

// security is what the Encrypt dictionary says.
type security struct {
	v, r, length     int
	o, u, oe, ue     []byte
	p                int32
	encryptMetadata  bool
	aes, aes256, raw bool // raw: the Identity crypt filter, nothing to do
	key              []byte
}

func readSecurity(data []byte, objs map[int]scannedObj) (*security, error) {
	m := encryptRefRE.FindAllSubmatch(data, -1)
	if m == nil {
		return nil, errors.New("encryption dictionary not found")
	}
	num, _ := strconv.Atoi(string(m[len(m)-1][1]))
	enc, ok := objs[num]
	if !ok {
		return nil, errors.New("encryption dictionary not found")
	}
	d := enc.body
	s := &security{v: intAfter(d, "/V"), r: intAfter(d, "/R"), length: intAfter(d, "/Length"), encryptMetadata: !bytes.Contains(d, []byte("/EncryptMetadata false"))}
	s.o, s.u = stringAfter(d, "/O"), stringAfter(d, "/U")
	s.oe, s.ue = stringAfter(d, "/OE"), stringAfter(d, "/UE")
	if pm := regexp.MustCompile(`/P\s+(-?\d+)`).FindSubmatch(d); pm != nil {
		p, _ := strconv.ParseInt(string(pm[1]), 10, 64)
		s.p = int32(p)
	}
	if !bytes.Contains(d, []byte("/Standard")) {
		return nil, errors.New("unsupported security handler")
	}
	switch {
	case bytes.Contains(d, []byte("/AESV3")) || s.v == 5:
		s.aes, s.aes256 = true, true
	case bytes.Contains(d, []byte("/AESV2")):
		s.aes = true
	case s.v == 4 && bytes.Contains(d, []byte("/StmF /Identity")):
		s.raw = true
	}
	if s.length <= 0 || s.v == 1 {
		s.length = 40
	}
	if s.v == 4 && !s.aes {
		s.length = 128
	}
	id := []byte{}
	if im := idRE.FindSubmatch(data); im != nil {
		id = parseString(im[1])
	}
	var err error
	if s.aes256 {
		s.key, err = s.key256()
	} else {
		s.key, err = s.key128(id)
	}
	return s, err
}

// key128 is Algorithm 2 of the PDF specification with an empty password,
// checked against /U (Algorithms 4 and 5).
func (s *security) key128(id []byte) ([]byte, error) {
	n := s.length / 8
	if n < 5 || n > 16 {
		n = 5
	}
	h := md5.New()
	h.Write(padding)
	h.Write(s.o)
	var p [4]byte
	binary.LittleEndian.PutUint32(p[:], uint32(s.p))
	h.Write(p[:])
	h.Write(id)
	if s.r >= 4 && !s.encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if s.r >= 3 {
		for i := 0; i < 50; i++ {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	// Check the key against /U: with a wrong key the file needs a password.
	var check []byte
	if s.r == 2 {
		check = rc4Bytes(key, padding)
		if len(s.u) >= 32 && !bytes.Equal(check, s.u[:32]) {
			return nil, errNeedsPassword
		}
		return key, nil
	}
	h = md5.New()
	h.Write(padding)
	h.Write(id)
	check = h.Sum(nil)
	check = rc4Bytes(key, check)
	for i := 1; i <= 19; i++ {
		k := make([]byte, len(key))
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		check = rc4Bytes(k, check)
	}
	if len(s.u) >= 16 && !bytes.Equal(check[:16], s.u[:16]) {
		return nil, errNeedsPassword
	}
	return key, nil
}

// key256 is the AES-256 file key for an empty user password (revisions 5
// and 6): validation salt checked, then UE unwrapped with the key salt.
func (s *security) key256() ([]byte, error) {
	if len(s.u) < 48 || len(s.ue) < 32 {
		return nil, errors.New("malformed AES-256 encryption dictionary")
	}
	hash := func(salt []byte) []byte {
		if s.r == 5 {
			sum := sha256.Sum256(salt)
			return sum[:]
		}
		return hash2B(nil, salt, nil)
	}
	if !bytes.Equal(hash(s.u[32:40]), s.u[:32]) {
		return nil, errNeedsPassword
	}
	block, err := aes.NewCipher(hash(s.u[40:48]))
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, s.ue[:32])
	return key, nil
}

// hash2B is Algorithm 2.B of ISO 32000-2 (revision 6).
func hash2B(password, salt, udata []byte) []byte {
	input := append(append(append([]byte{}, password...), salt...), udata...)
	sum := sha256.Sum256(input)
	k := sum[:]
	for round := 0; ; round++ {
		k1 := bytes.Repeat(append(append(append([]byte{}, password...), k...), udata...), 64)
		block, _ := aes.NewCipher(k[:16])
		e := make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		mod := 0
		for _, b := range e[:16] {
			mod += int(b)
		}
		switch mod % 3 {
		case 0:
			s := sha256.Sum256(e)
			k = s[:]
		case 1:
			s := sha512.Sum384(e)
			k = s[:]
		default:
			s := sha512.Sum512(e)
			k = s[:]
		}
		// The specification counts rounds from 1: stop after at least 64
		// once E's last byte is at most that count less 32.
		if round >= 63 && int(e[len(e)-1]) <= round+1-32 {
			return k[:32]
		}
	}
}

func rc4Bytes(key, in []byte) []byte {
	c, _ := rc4.NewCipher(key)
	out := make([]byte, len(in))
	c.XORKeyStream(out, in)
	return out
}

// objectKey is Algorithm 1: the key for one object's strings and streams.
func (s *security) objectKey(num, gen int) []byte {
	if s.aes256 {
		return s.key
	}
	k := append([]byte{}, s.key...)
	k = append(k, byte(num), byte(num>>8), byte(num>>16), byte(gen), byte(gen>>8))
	if s.aes {
		k = append(k, "sAlT"...)
	}
	sum := md5.Sum(k)
	return sum[:min(len(s.key)+5, 16)]
}

func (s *security) decrypt(key, data []byte) []byte {
	if s.raw {
		return data
	}
	if !s.aes {
		return rc4Bytes(key, data)
	}
	if len(data) < 32 || len(data)%16 != 0 {
		return nil
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	out := make([]byte, len(data)-16)
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, data[16:])
	if pad := int(out[len(out)-1]); pad >= 1 && pad <= 16 && pad <= len(out) {
		out = out[:len(out)-pad]
	}
	return out
}

// decryptObject returns the object with its strings and stream in clear.
func (s *security) decryptObject(o scannedObj) scannedObj {
	key := s.objectKey(o.num, o.gen)
	body := o.body
	dict, content := body, []byte(nil)
	if loc := streamKwRE.FindIndex(body); loc != nil {
		dict = body[:loc[0]]
		content = bytes.TrimSuffix(body[loc[1]:], []byte("\nendstream"))
	}
	out := rewriteStrings(dict, func(b []byte) []byte { return s.decrypt(key, b) })
	if content != nil {
		if !(bytes.Contains(dict, []byte("/Metadata")) && !s.encryptMetadata) {
			content = s.decrypt(key, content)
		}
		out = lengthRE.ReplaceAll(out, []byte("/Length "+strconv.Itoa(len(content))))
		out = append(out, "stream\n"...)
		out = append(out, content...)
		out = append(out, "\nendstream"...)
	}
	return scannedObj{num: o.num, gen: o.gen, body: out}
}

// rewriteStrings replaces every string in PDF object syntax, literal or
// hex, by the hex form of f applied to its bytes.
func rewriteStrings(b []byte, f func([]byte) []byte) []byte {
	var out bytes.Buffer
	for i := 0; i < len(b); {
		switch {
		case b[i] == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case b[i] == '(':
			end := literalEnd(b, i)
			out.WriteString("<" + hex.EncodeToString(f(parseString(b[i:end]))) + ">")
			i = end
		case b[i] == '<' && (i+1 >= len(b) || b[i+1] != '<'):
			end := bytes.IndexByte(b[i:], '>')
			if end < 0 {
				out.Write(b[i:])
				return out.Bytes()
			}
			out.WriteString("<" + hex.EncodeToString(f(parseString(b[i:i+end+1]))) + ">")
			i += end + 1
		case b[i] == '<':
			out.WriteString("<<")
			i += 2
		default:
			out.WriteByte(b[i])
			i++
		}
	}
	return out.Bytes()
}

// literalEnd returns the index after the ")" that closes the literal
// string starting at b[i] == '('.
func literalEnd(b []byte, i int) int {
	depth := 0
	for j := i; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(b)
}

// parseString decodes a literal "(…)" or hex "<…>" string.
func parseString(tok []byte) []byte {
	if len(tok) >= 2 && tok[0] == '<' {
		h := bytes.Map(func(r rune) rune {
			if (r >= '0' && r <= '9') || (r >= 'a' && r <= 'f') || (r >= 'A' && r <= 'F') {
				return r
			}
			return -1
		}, tok)
		if len(h)%2 == 1 {
			h = append(h, '0')
		}
		out, _ := hex.DecodeString(string(h))
		return out
	}
	if len(tok) < 2 || tok[0] != '(' {
		return nil
	}
	s := tok[1 : len(tok)-1]
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			out = append(out, c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case '\n':
		default:
			if e >= '0' && e <= '7' {
				v := 0
				for k := 0; k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; k++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				out = append(out, byte(v))
				continue
			}
			out = append(out, e)
		}
	}
	return out
}

// stringAfter returns the string value of a key in a dictionary's text.
func stringAfter(dict []byte, key string) []byte {
	re := regexp.MustCompile(regexp.QuoteMeta(key) + `\s*(<[0-9A-Fa-f\s]*>|\()`)
	loc := re.FindSubmatchIndex(dict)
	if loc == nil {
		return nil
	}
	start := loc[2]
	if dict[start] == '<' {
		end := bytes.IndexByte(dict[start:], '>')
		return parseString(dict[start : start+end+1])
	}
	return parseString(dict[start:literalEnd(dict, start)])
}
