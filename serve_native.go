//go:build !js

package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/syumai/workers"
)

func main() {
	dir := flag.String("dir", envOr("BACKSIGHT_SITE", "build/site"),
		"the folder `make site` wrote (or set BACKSIGHT_SITE)")
	headers := flag.Bool("headers", false,
		"print Cloudflare's _headers file for the site instead of serving it (make worker)")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run . [-dir build/site] [-headers]   (the port comes from $PORT, default 9900)")
		flag.PrintDefaults()
	}
	flag.Parse()
	if _, err := os.Stat(*dir + "/index.html"); err != nil {
		fmt.Fprintf(os.Stderr, "backsight: %s/index.html is missing: run `make site` first, or pass -dir\n", *dir)
		os.Exit(1)
	}
	if *headers {
		b, err := headersFile(os.DirFS(*dir))
		if err == nil {
			_, err = os.Stdout.Write(b)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "backsight: %v\n", err)
			os.Exit(1)
		}
		return
	}
	// workers.Serve listens on $PORT (9900 by default) and prints the URL,
	// then a warning about its "non-JS mode", which is meant for Workers
	// that need Cloudflare's bindings: this handler needs none.
	fmt.Fprintln(os.Stderr, "backsight: serving", *dir, "(ignore the library's non-JS mode warning: nothing here needs it)")
	workers.Serve(newHandler(os.DirFS(*dir)))
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
