import FuzzSupport

// A directive as .docx bytes (DirectiveFuzz in Fuzz/Support).
DirectiveFuzz.path = "fuzz.docx"
runFuzzer(DirectiveFuzz.input)
