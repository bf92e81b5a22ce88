import ChitieuEmit
import ChitieuExtract
import Foundation
import Spreadsheet
import TextMetrics
import ChitieuIngest
import ChitieuModel

/// Runs ingest and extraction alone over files, for `chitieu extract`.
public enum ExtractCommand {
    public static func run(files: [String], catalogue: Catalogue = .standard, explain: Bool = false) -> (documents: [DirectiveDocument], failures: [String], warnings: [String]) {
        let extractor = TargetExtractor(catalogue: catalogue, explains: explain)
        // Files are independent: read and extracted on every core, gathered in the order given.
        let outcomes = ConcurrentParts<Result<(DirectiveDocument, [String]), IngestError>>.map(files.count) { i in
            let file = files[i]
            return Result { () throws(IngestError) in
                let text = try DirectiveReader.read(path: file)
                let warnings = text.warnings.map { "\(file):\($0.line): cảnh báo: \($0.message)" }
                return (extractor.extract(text: text.text, path: file, lineMap: text.lineMap), warnings)
            }
        }
        var documents: [DirectiveDocument] = []
        var failures: [String] = []
        var warnings: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let (document, said)):
                documents.append(document)
                warnings += said
            case .failure(let error): failures.append(error.description)
            }
        }
        return (documents, failures, warnings)
    }

    /// Prints or writes the documents in one of the formats: json, table, csv, xlsx.
    public static func write(_ documents: [DirectiveDocument], format: String, output: String?, unit: String,
                             inputs: [String], catalogue: Catalogue = .standard) throws(PipelineError) {
        let text: String
        switch format {
        case "table": text = ExtractionOutput.table(documents)
        case "csv": text = ExtractionOutput.csv(documents, catalogue: catalogue)
        case "xlsx":
            guard let output else { throw .output(path: "-", message: "định dạng xlsx cần --output") }
            let measurer = try OutputFiles.measurer(stage: "Xuất sổ kế hoạch")
            let workbook: Spreadsheet.Workbook
            do {
                workbook = try PlanWorkbookLayout(measurer: measurer).workbook(documents: documents, unit: unit, catalogue: catalogue)
            } catch {
                throw .stage(name: "Xuất sổ kế hoạch", message: error.description)
            }
            let (files, name) = try OutputFiles.beside(output, inputs: inputs)
            try files.write(workbook: workbook, to: name)
            return
        default: text = ExtractionOutput.json(documents, catalogue: catalogue)
        }
        if let output {
            let (files, name) = try OutputFiles.beside(output, inputs: inputs)
            try files.write(text: text, to: name)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
