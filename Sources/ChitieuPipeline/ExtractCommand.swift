import ChitieuExtract
import ChitieuIngest
import ChitieuModel

/// Runs ingest and extraction alone over files, for `chitieu extract`.
public enum ExtractCommand {
    public static func run(files: [String], catalogue: Catalogue = .standard) -> (documents: [DirectiveDocument], failures: [String]) {
        let extractor = TargetExtractor(catalogue: catalogue)
        var documents: [DirectiveDocument] = []
        var failures: [String] = []
        for file in files {
            do {
                let text = try DirectiveReader.read(path: file)
                documents.append(extractor.extract(text: text.text, path: file, lineMap: text.lineMap))
            } catch {
                failures.append(error.description)
            }
        }
        return (documents, failures)
    }
}
