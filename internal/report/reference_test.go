package report

import (
	"bytes"
	"encoding/json"
)

// This file is the slow reference: the first version of the parser,
// which read each line with encoding/json. It fills the same fields as
// the hand-written scanner, so the differential tests can hold the
// scanner to encoding/json's answers on every line: what is valid JSON,
// what is an object, which duplicate key wins, what a string unescapes
// to, which numbers fit a field.

var refTop = map[string]field{
	"type": fType, "accessor": fAccessor, "category": fCategory, "identifier": fIdentifier,
	"kind": fKind, "timeStamp": fTimeStamp, "timestamp": fTimestamp, "outOfProcess": fOutOfProcess,
	"broadcaster": fBroadcaster, "accessCount": fAccessCount, "stream": fStream, "tccService": fTCCService,
	"bundleID": fBundleID, "hasApp.bundleName": fBundleName, "domain": fDomain, "context": fContext,
	"domainOwner": fOwner, "initiatedType": fInitiated, "domainType": fDomainType,
	"domainClassification": fClass, "contextVerificationType": fContextVer,
	"firstTimeStamp": fFirst, "hits": fHits, "_marker": fMarker,
	"version": numFields, "effectiveUserId": numFields, "recordType": numFields, "exportTimestamp": numFields,
}

// refScan is the reference for scanner.scanLine.
func refScan(b []byte, fl *fields) scanError {
	fl.reset()
	fl.esc = make([]byte, 0, 64) // not nil: an empty value is "", not missing
	if !json.Valid(b) {
		return scanInvalid
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, _ := dec.Token(); tok != json.Delim('{') {
		return scanNotObject
	}
	for dec.More() {
		tok, _ := dec.Token()
		key := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			panic(err) // json.Valid said yes
		}
		f, known := refTop[key]
		if !known {
			fl.noteUnknown([]byte(key))
			continue
		}
		if f != numFields {
			refValue(fl, f, raw)
		}
	}
	return scanOK
}

func refClearSubs(fl *fields, f field) {
	switch f {
	case fAccessor:
		fl.clear(fAccessorID)
		fl.clear(fAccessorType)
	case fBroadcaster:
		fl.clear(fBroadcasterID)
	}
}

func refValue(fl *fields, f field, raw json.RawMessage) {
	if string(raw) == "null" {
		fl.clear(f)
		refClearSubs(fl, f)
		return
	}
	var err error
	switch f {
	case fOutOfProcess:
		err = json.Unmarshal(raw, &fl.outOfProcess)
	case fDomainType, fClass, fContextVer:
		var v int8
		err = json.Unmarshal(raw, &v)
		fl.num[f] = int64(v)
	case fAccessCount:
		var v int32
		err = json.Unmarshal(raw, &v)
		fl.num[f] = int64(v)
	case fHits:
		err = json.Unmarshal(raw, &fl.num[f])
	case fAccessor, fBroadcaster:
		refClearSubs(fl, f)
		if raw[0] != '{' {
			fl.bad(f)
			return
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.Token()
		for dec.More() {
			tok, _ := dec.Token()
			key := tok.(string)
			var sub json.RawMessage
			dec.Decode(&sub)
			switch {
			case key == "identifier" && f == fAccessor:
				refValue(fl, fAccessorID, sub)
			case key == "identifierType" && f == fAccessor:
				refValue(fl, fAccessorType, sub)
			case key == "identifier" && f == fBroadcaster:
				refValue(fl, fBroadcasterID, sub)
			case key == "identifierType" && f == fBroadcaster:
			default:
				fl.noteUnknown([]byte(key))
			}
		}
	default:
		var s string
		err = json.Unmarshal(raw, &s)
		fl.str[f] = span{uint32(len(fl.esc)) | escBit, uint32(len(fl.esc) + len(s))}
		fl.esc = append(fl.esc, s...)
	}
	if err != nil {
		fl.bad(f)
		return
	}
	fl.set(f)
}

// refParse reads a whole ndjson file line by line with refScan and the
// parser's own record building. It does not know the beta network
// object or the not-a-report checks: the differential tests keep to
// inputs without them.
func refParse(name string, data []byte) *File {
	p := NewParser(name)
	p.mode = modeLines
	p.f.Bytes = int64(len(data))
	lines := bytes.Split(data, []byte{'\n'})
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	var fl fields
	for i, b := range lines {
		n := i + 1
		p.f.Lines = n
		if len(b) > maxLine {
			p.bad(n, "this line is longer than 64 KiB, far longer than any real report line; it was skipped", b[:64])
			continue
		}
		if n == 1 {
			b = bytes.TrimPrefix(b, bom)
		}
		b = bytes.TrimSuffix(b, []byte{'\r'})
		if isBlank(b) {
			continue
		}
		switch refScan(b, &fl) {
		case scanInvalid:
			p.bad(n, "this line is not valid JSON; it was skipped", b)
		case scanNotObject:
			p.bad(n, "this line is JSON but not an object; it was skipped", b)
		default:
			p.build(&fl, b, n, 0)
		}
	}
	p.finish()
	return p.f
}
