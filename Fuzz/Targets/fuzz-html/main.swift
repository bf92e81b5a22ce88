import FuzzSupport

// A directive as .html bytes (DirectiveFuzz in Fuzz/Support).
DirectiveFuzz.path = "fuzz.html"
runFuzzer(DirectiveFuzz.input)
