import ChitieuIngest
import FuzzSupport
import Foundation

/// A results, plan or points table saved as CSV (any dialect or encoding): read, or refused by name.
private let fuzz: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32 = { start, count in
    let path = FuzzInput.file(FuzzInput.bytes(start, count), named: "results.csv")
    do {
        let table = try TableReader.read(path: path)
        _ = ActualsReader.results(from: table)
        _ = PlanReader.entries(from: table)
        _ = PointsReader.entries(from: table)
    } catch {
        FuzzInput.expectNamesFile("\(error)", path)
    }
    return 0
}

runFuzzer(fuzz)
