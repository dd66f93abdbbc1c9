import NZRuntime
import Testing

/// k-means on clusters solved by hand, and its determinism.
@Suite struct MLKMeansTests {
    @Test func twoObviousClusters() throws {
        let x = FeatureMatrix(rows: [[0, 0], [0, 1], [10, 10], [10, 11]])!
        let model = try KMeans.fit(x, parameters: KMeansParameters(k: 2, seed: 5)).get()
        // Centroids (0, 0.5) and (10, 10.5); each point is 0.5 from its centroid: inertia 4 × 0.25.
        #expect(model.inertia == 1)
        let a = model.cluster([0, 0]), b = model.cluster([10, 10])
        #expect(a != b)
        #expect(model.cluster([1, 1]) == a)
        #expect(model.predict([9, 12]) == b)
        #expect(model.predictClass([9, 12]) == b)
        let centroids = [Array(model.centroids.row(Int(a))), Array(model.centroids.row(Int(b)))]
        #expect(centroids == [[0, 0.5], [10, 10.5]])
        #expect(model.task == .clustering)
        #expect(model.cluster([.nan, 1]).isNaN)
        // Only the first feature... both separate equally here: between-cluster SS 100 each.
        #expect(model.importances == [0.5, 0.5])
    }

    @Test func kEqualToRowsAndDuplicateRows() throws {
        let x = FeatureMatrix(rows: [[1], [1], [1], [2]])!
        let model = try KMeans.fit(x, parameters: KMeansParameters(k: 3)).get()
        #expect(model.inertia == 0)
        let single = try KMeans.fit(x, parameters: KMeansParameters(k: 1)).get()
        #expect(single.centroids.values == [1.25])
    }

    @Test func seededAndRestartsKeepTheBest() throws {
        var generator = SeededGenerator(seed: 11)
        let rows = (0..<600).map { i -> [Double] in
            let centre = Double(i % 5) * 3
            return [centre + generator.uniformUnit(), centre * 0.5 + generator.uniformUnit()]
        }
        let x = FeatureMatrix(rows: rows)!
        let a = try KMeans.fit(x, parameters: KMeansParameters(k: 5, seed: 1)).get()
        let b = try KMeans.fit(x, parameters: KMeansParameters(k: 5, seed: 1)).get()
        #expect(a.centroids == b.centroids)
        #expect(a.inertia == b.inertia)
        let one = try KMeans.fit(x, parameters: KMeansParameters(k: 5, seed: 1, initializations: 1)).get()
        #expect(a.inertia <= one.inertia)
    }
}
