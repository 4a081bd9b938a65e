module backsight

go 1.26
