/// Bars in groups (one group per label, one bar per series), with optional horizontal
/// reference lines such as a plan's target.
struct SVGBarChart {
  struct Reference {
    var name: String
    var colour: String
    var value: Int64
  }

  var title: String
  var groups: [String]
  var series: [SVGChart.Series]
  var references: [Reference] = []
  /// The smallest tick step: 100 fen for money, 1 for counts.
  var unit: Int64
  var label: (Int64) -> String

  func svg() -> String {
    let highest = max(series.flatMap(\.values).max() ?? 0, references.map(\.value).max() ?? 0)
    let axis = SVGChart.Axis(maximum: highest, unit: unit)
    let groupWidth = SVGChart.plotWidth / Double(max(groups.count, 1))
    // Bars share 80 % of their group's width, but a lone bar stays a bar, not a wall.
    let barWidth = min(groupWidth * 0.8 / Double(max(series.count, 1)), 72)
    let inset = (groupWidth - barWidth * Double(series.count)) / 2
    var out = SVGChart.frame(title: title, axis: axis, label: label)
    out += SVGChart.legend(
      series.map { ($0.name, $0.colour, false) } + references.map { ($0.name, $0.colour, true) })
    let base = axis.y(0)
    for (groupIndex, group) in groups.enumerated() {
      for (seriesIndex, bars) in series.enumerated() {
        let value = bars.values[groupIndex]
        guard value > 0 else { continue }
        let x =
          SVGChart.left + Double(groupIndex) * groupWidth + inset + Double(seriesIndex)
          * barWidth
        let y = axis.y(value)
        out +=
          "<rect class=\"bar\" x=\"\(SVGChart.number(x))\" y=\"\(SVGChart.number(y))\" width=\"\(SVGChart.number(barWidth - 2))\" height=\"\(SVGChart.number(base - y))\" fill=\"\(bars.colour)\"><title>\(HTML.text("\(group), \(bars.name): \(label(value))"))</title></rect>\n"
      }
    }
    for reference in references {
      let y = SVGChart.number(axis.y(reference.value))
      out +=
        "<line class=\"target\" x1=\"\(SVGChart.number(SVGChart.left))\" y1=\"\(y)\" x2=\"\(SVGChart.number(SVGChart.width - SVGChart.right))\" y2=\"\(y)\" stroke=\"\(reference.colour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>\(HTML.text("\(reference.name): \(label(reference.value))"))</title></line>\n"
    }
    out += SVGChart.xLabels(
      groups, centres: groups.indices.map { SVGChart.left + (Double($0) + 0.5) * groupWidth })
    return out + "</svg>\n"
  }
}
