import ClaimsDomain

/// One ruleset: a region, a period in force, and what a policy document publishes for it,
/// every value with the clause it came from. Identity is `id` plus the SHA-256 of its file.
public struct Ruleset: Sendable {
  public enum Kind: String, Sendable {
    /// Publishes what may be trained (and what it pays): selected for classes.
    case catalog
    /// Targets and cross-cutting rules only: never selected for a class.
    case plan
  }

  public let id: String
  public let region: String
  public let from: CivilDate
  public let until: CivilDate?
  public let kind: Kind
  /// The document number, or its title where it has none (a draft).
  public let document: String
  public let sha256: String
  public let catalog: [CatalogRow]
  /// The first row (by place in `catalog`) for each category and occupation code or name.
  let catalogIndex: [CatalogKey: Int]
  public let standards: [Standard]
  public let parameters: Parameters
  public let plans: [PlanTarget]

  /// The catalogue row a class names: the first of its category whose code is the class's
  /// occupation, or whose name is (a class names an item by name where the seed prints no code). An index, for the
  /// catalogues run to hundreds of rows and every approval looks a class up.
  public func catalogRow(_ category: TrainingCategory, occupation: String) -> CatalogRow? {
    catalogIndex[CatalogKey(category: category, occupation: occupation)].map { catalog[$0] }
  }

  static func index(_ catalog: [CatalogRow]) -> [CatalogKey: Int] {
    var index: [CatalogKey: Int] = [:]
    for (place, row) in catalog.enumerated() {
      for spelling in [row.code, row.name].compactMap({ $0 }) {
        let key = CatalogKey(category: row.category, occupation: spelling)
        if index[key] == nil { index[key] = place }
      }
    }
    return index
  }

  /// Whether `date` falls in the period in force.
  public func isInForce(on date: CivilDate) -> Bool {
    from <= date && (until.map { date <= $0 } ?? true)
  }

  /// Whether a class in `region` belongs to this ruleset's region: the region itself, or a
  /// county-level part of it written `region-county` (`liaocheng-guanxian`).
  public func covers(region classRegion: String) -> Bool {
    classRegion == region || classRegion.hasPrefix(region + "-")
  }

  public var periodDescription: String {
    "\(id) (\(region), \(from) to \(until?.description ?? "open-ended"))"
  }
}

struct CatalogKey: Hashable, Sendable {
  var category: TrainingCategory
  var occupation: String
}

/// A catalogue row: an occupation or item that may be trained, as printed in the seed.
public struct CatalogRow: Sendable, Equatable {
  public let category: TrainingCategory
  public let code: String?
  public let name: String
  /// A/B/C urgency, or the special-ability class (食品制作类 …).
  public let klass: String?
  public let reference: String

}

/// A subsidy standard: what one person is paid for a category at a level, class or item, and
/// the subsidy hours a class must plan for it.
public struct Standard: Sendable, Equatable {
  public let category: TrainingCategory
  public let level: SkillLevel?
  public let klass: String?
  public let item: String?
  public let label: String
  public let hours: Int
  public let amount: Money
  public let reference: String
}

/// A target of a plan, in person-times.
public struct PlanTarget: Sendable, Equatable {
  public let region: String
  public let unit: String?
  public let yearFrom: Int
  public let yearTo: Int
  public let program: String
  public let target: Int
  public let total: Bool
  public let reference: String
}
