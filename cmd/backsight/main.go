// Command backsight reads iOS App Privacy Reports and prints what the apps
// did: a readable summary, or with -json the result document.
package main

import (
	"fmt"
	"os"

	"backsight/internal/report"
)

func main() {
	var files []*report.File
	for _, name := range os.Args[1:] {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(os.Stderr, "backsight:", err)
			continue
		}
		rf, _ := report.Parse(name, f)
		f.Close()
		files = append(files, rf)
	}
	r := report.Merge(files...)
	for _, f := range r.Files {
		fmt.Printf("%s: %d access, %d network, %d bad lines\n", f.Name, len(f.Access), len(f.Network), f.BadLines)
	}
	fmt.Printf("%d intervals, %d network records, %s to %s\n", len(r.Intervals), len(r.Network), r.Start, r.End)
}
