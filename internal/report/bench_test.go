package report

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"testing"

	"backsight/internal/sample"
)

// The parser's benchmarks (make bench-parse). MB/s comes from b.SetBytes;
// under GOOS=js GOARCH=wasm they run in Node the same way.

func BenchmarkParseCorpus(b *testing.B) {
	for _, c := range corpusFigures {
		data := readCorpus(b, c.file)
		b.Run(c.file, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				parseBytes(c.file, data)
			}
		})
	}
}

const bigSize = 100 << 20

var (
	bigOnce sync.Once
	bigData []byte
)

// bigReport is a generated report of about 100 MB, made once.
func bigReport(b *testing.B) []byte {
	bigOnce.Do(func() {
		var buf bytes.Buffer
		buf.Grow(bigSize + 1<<20)
		if err := sample.Generate(&buf, bigSize, 1); err != nil {
			b.Fatal(err)
		}
		bigData = buf.Bytes()
	})
	return bigData
}

// BenchmarkParse100MB parses the generated report from memory in 1 MiB
// chunks, as the page does.
func BenchmarkParse100MB(b *testing.B) {
	data := bigReport(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p := NewParser("big")
		for rest := data; len(rest) > 0; {
			n := min(len(rest), 1<<20)
			p.Write(rest[:n])
			rest = rest[n:]
		}
		if f := p.Close(); f.BadLines != 0 || len(f.Access) == 0 {
			b.Fatalf("generated report: %d bad lines, %d access", f.BadLines, len(f.Access))
		}
	}
}

// BenchmarkStream100MB measures peak memory while a generated 100 MB
// report is streamed into the parser in 1 MiB chunks without ever being
// held whole: the generator writes into a pipe, the parser reads 1 MiB
// at a time. peak-sys-MB is runtime.MemStats.Sys (all memory the Go
// runtime took from the system, which in wasm is the linear memory it
// grew) sampled after every chunk; x-file is that peak over the bytes
// read, and x-file-merged the same once Merge has run on the File.
func BenchmarkStream100MB(b *testing.B) {
	for b.Loop() {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.Sys
		pr, pw := io.Pipe()
		go func() { pw.CloseWithError(sample.Generate(pw, bigSize, 1)) }()
		p := NewParser("big")
		buf := make([]byte, 1<<20)
		var peak uint64
		for {
			n, err := io.ReadFull(pr, buf)
			p.Write(buf[:n])
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.Sys)
			if err != nil {
				break
			}
		}
		f := p.Close()
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.Sys)
		b.SetBytes(f.Bytes)
		b.ReportMetric(float64(peak)/(1<<20), "peak-sys-MB")
		b.ReportMetric(float64(peak-base)/(1<<20), "peak-sys-growth-MB")
		b.ReportMetric(float64(peak)/float64(f.Bytes), "x-file")
		// Then Merge, as the page does next, with the File still held.
		r := Merge(f)
		runtime.ReadMemStats(&ms)
		b.ReportMetric(float64(max(peak, ms.Sys))/float64(f.Bytes), "x-file-merged")
		runtime.KeepAlive(f)
		runtime.KeepAlive(r)
	}
}

// BenchmarkMergeCorpus merges every corpus file (the files are parsed
// before the timer starts): the five overlapping 2025 exports are most of
// the work, as on the page.
func BenchmarkMergeCorpus(b *testing.B) {
	var files []*File
	for _, c := range corpusFigures {
		files = append(files, parseBytes(c.file, readCorpus(b, c.file)))
	}
	b.ReportAllocs()
	for b.Loop() {
		Merge(files...)
	}
}

// BenchmarkMerge100MB merges the generated 100 MB report alone, as the
// page's Worker does after parsing it.
func BenchmarkMerge100MB(b *testing.B) {
	f := parseBytes("big", bigReport(b))
	b.ReportAllocs()
	for b.Loop() {
		Merge(f)
	}
}
