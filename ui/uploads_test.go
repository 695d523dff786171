package ui_test

import (
	"bufio"
	"bytes"
	"fmt"
	"mime/multipart"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// slowUpload sends a multipart upload's headers and first 12 KB to addr,
// then a byte a second, and returns the status the server answers.
func slowUpload(t *testing.T, addr, token, path string) int {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Error(err)
		return 0
	}
	defer conn.Close()
	const size = 17 << 10
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: %d\r\n\r\n", path, token, size)
	fmt.Fprintf(conn, "--b\r\nContent-Disposition: form-data; name=\"files\"; filename=\"slow.pdf\"\r\n\r\n%%PDF-1.4\n")
	conn.Write(bytes.Repeat([]byte("x"), 12<<10)) // past what the server reads before a handler runs
	answer := make(chan int, 1)
	go func() {
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			answer <- 0
			return
		}
		resp.Body.Close()
		answer <- resp.StatusCode
	}()
	for range 60 {
		select {
		case status := <-answer:
			return status
		case <-time.After(time.Second):
			if _, err := conn.Write([]byte("x")); err != nil {
				return <-answer
			}
		}
	}
	return 0
}

// TestSlowUploadsTakeNeitherAllPlacesNorLong: one officer's slow uploads
// (a byte a second) hold at most two of the four places, and for the
// grace of 10 s, not the 30 s read timeout; an admin's import meanwhile
// is read at once. (Before, four slow uploads took every place for 30 s
// and the import got 503.)
func TestSlowUploadsTakeNeitherAllPlacesNorLong(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for slow uploads to be cut off")
	}
	ra := newReviewApp(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go ra.app.Listener(ln)
	t.Cleanup(func() { ra.app.Shutdown() })
	addr := ln.Addr().String()
	var wg sync.WaitGroup
	statuses := make([]int, 4)
	start := time.Now()
	for i := range statuses {
		wg.Add(1)
		go func() { defer wg.Done(); statuses[i] = slowUpload(t, addr, ra.tokens["officer"], "/submissions") }()
	}
	time.Sleep(time.Second) // the slow uploads hold what they can
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, _ := w.CreateFormFile("files", "casebook.pdf")
	fw.Write(sampleBytes(t, "state-casebook.pdf"))
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/admin/import", &body)
	req.Header.Set("Authorization", "Bearer "+ra.tokens["admin"])
	req.Header.Set("Content-Type", w.FormDataContentType())
	importStart := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 500 || time.Since(importStart) > 8*time.Second {
		t.Errorf("an admin's import beside an officer's slow uploads: %d after %v, want it read at once", resp.StatusCode, time.Since(importStart))
	}
	wg.Wait()
	for _, s := range statuses {
		if s != http.StatusRequestTimeout && s != 0 && s != http.StatusServiceUnavailable {
			t.Errorf("a slow upload answered %d, want it cut off (408, or the connection closed)", s)
		}
	}
	if time.Since(start) > 25*time.Second {
		t.Errorf("the slow uploads were cut off after %v, want well before the 30 s read timeout", time.Since(start))
	}
	t.Logf("slow uploads answered %v; done after %v", statuses, time.Since(start).Round(time.Second))
}
