import ChitieuIngest
import FuzzSupport
import Foundation

/// A results workbook: opened, its rows read as results, plan rows and points, or refused by name.
private let fuzz: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
    let path = FuzzInput.file(FuzzInput.bytes(start, count), named: "results.xlsx")
    do {
        let table = try TableReader.read(path: path)
        let results = ActualsReader.results(from: table)
        _ = PlanReader.entries(from: table)
        _ = PointsReader.entries(from: table)
        for issue in results.issues where issue.severity == .error && !issue.description.contains("results.xlsx") {
            fatalError("fuzz: a row problem does not name the file: \(issue.description)")
        }
    } catch {
        FuzzInput.expectNamesFile("\(error)", path)
    }
    return 0
}

runFuzzer(fuzz)
