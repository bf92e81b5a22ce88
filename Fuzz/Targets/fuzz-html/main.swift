import ChitieuExtract
import ChitieuIngest
import FuzzSupport

private let extractor = TargetExtractor()

/// A directive as .html bytes: decoded, repaired and read for targets, or refused by name.
private let fuzz: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
    let path = "fuzz.html"
    do {
        let source = try DirectiveReader.decode(FuzzInput.bytes(start, count), path: path)
        _ = extractor.extract(text: source.text, path: path, lineMap: source.lineMap)
    } catch {
        FuzzInput.expectNamesFile("\(error)", path)
    }
    return 0
}

runFuzzer(fuzz)
