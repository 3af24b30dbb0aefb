/// A step chart of values sampled at points in time (month ends): each series holds its value
/// until the next sample, which is how a balance behaves between two dates.
struct SVGLineChart {
  var title: String
  var xLabels: [String]
  var series: [SVGChart.Series]
  /// Writes a tick value (fen as `¥1,234.50`, or a count).
  var label: (Int64) -> String

  func svg() -> String {
    let axis = SVGChart.Axis(maximum: series.flatMap(\.values).max() ?? 0, unit: 100)
    let step = SVGChart.plotWidth / Double(max(xLabels.count, 1))
    // Each sample owns a column; its value is drawn across the column, so one month is a line.
    let starts = xLabels.indices.map { SVGChart.left + Double($0) * step }
    var out = SVGChart.frame(title: title, axis: axis, label: label)
    out += SVGChart.legend(series.map { ($0.name, $0.colour, false) })
    for line in series {
      var points: [String] = []
      for (index, value) in line.values.enumerated() {
        let y = SVGChart.number(axis.y(value))
        points.append("\(SVGChart.number(starts[index])),\(y)")
        points.append("\(SVGChart.number(starts[index] + step)),\(y)")
      }
      out +=
        "<polyline class=\"series\" fill=\"none\" stroke=\"\(line.colour)\" stroke-width=\"2.5\" points=\"\(points.joined(separator: " "))\"/>\n"
      for (index, value) in line.values.enumerated() {
        out +=
          "<circle cx=\"\(SVGChart.number(starts[index] + step))\" cy=\"\(SVGChart.number(axis.y(value)))\" r=\"3.0\" fill=\"\(line.colour)\"><title>\(HTML.text("\(line.name) \(xLabels[index]): \(label(value))"))</title></circle>\n"
      }
    }
    out += SVGChart.xLabels(xLabels, centres: starts.map { $0 + step / 2 })
    return out + "</svg>\n"
  }
}
