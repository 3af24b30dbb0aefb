import ClaimsDomain
import ClaimsRules
import Testing

/// `Ruleset.catalogRow` finds a class's row through an index; it must give what a search of the
/// catalogue in order gives: the first row of the category whose code or name is the occupation.
@Suite struct CatalogIndexTests {
  func searched(_ ruleset: Ruleset, _ category: TrainingCategory, _ occupation: String) -> CatalogRow? {
    ruleset.catalog.first { $0.category == category && ($0.code == occupation || $0.name == occupation) }
  }

  @Test func theIndexFindsWhatASearchInOrderFindsInEveryShippedRuleset() {
    var looked = 0
    for ruleset in RuleLibrary.shipped.rulesets {
      let spellings = Set(ruleset.catalog.flatMap { [$0.code, $0.name].compactMap { $0 } }).union(["", "no-such-occupation"])
      for category in TrainingCategory.allCases {
        for occupation in spellings {
          #expect(ruleset.catalogRow(category, occupation: occupation) == searched(ruleset, category, occupation))
          looked += 1
        }
      }
    }
    #expect(looked > 1000)
  }
}
