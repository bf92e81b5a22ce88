import FuzzSupport

// A directive as .txt bytes (DirectiveFuzz in Fuzz/Support).
DirectiveFuzz.path = "fuzz.txt"
runFuzzer(DirectiveFuzz.input)
