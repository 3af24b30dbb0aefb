/// What the report's charts share: the frame, a value axis with round ticks, the legend, and
/// numbers written the same way every time. Values are integers (fen, or counts); only pixel
/// coordinates are `Double`, and they are written with one decimal so the bytes are fixed.
enum SVGChart {
  static let width = 760.0
  static let height = 300.0
  static let left = 100.0
  static let right = 20.0
  static let top = 36.0
  static let bottom = 48.0
  static var plotWidth: Double { width - left - right }
  static var plotHeight: Double { height - top - bottom }

  /// One series: a name for the legend and a colour.
  struct Series {
    var name: String
    var colour: String
    var values: [Int64]
  }

  /// A coordinate with one decimal, without locale or exponent: `123.4`, `-5.0`.
  static func number(_ value: Double) -> String {
    let tenths = Int64((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(tenths.magnitude / 10).\(tenths.magnitude % 10)"
  }

  /// Round ticks from 0 to at least `maximum`: steps of 1, 2 or 5 × 10ⁿ units, at most 5 of them.
  struct Axis {
    var step: Int64
    var top: Int64

    init(maximum: Int64, unit: Int64) {
      let wanted = max(maximum, unit)
      var power = unit
      while power * 10 <= wanted / 5 { power *= 10 }
      step = [power, power * 2, power * 5, power * 10].first { $0 * 5 >= wanted } ?? power * 10
      top = (wanted + step - 1) / step * step
    }

    var ticks: [Int64] { Array(stride(from: Int64(0), through: top, by: Int(step))) }

    /// The y pixel of a value (0 at the bottom of the plot).
    func y(_ value: Int64) -> Double {
      let clamped = min(max(value, 0), top)
      return SVGChart.top + SVGChart.plotHeight * (1 - Double(clamped) / Double(top))
    }
  }

  /// The opening tag (with a title for screen readers), grid lines with tick labels, the axes.
  static func frame(title: String, axis: Axis, label: (Int64) -> String) -> String {
    var out =
      "<svg class=\"chart\" width=\"\(number(width))\" height=\"\(number(height))\" viewBox=\"0 0 \(number(width)) \(number(height))\" role=\"img\" aria-label=\"\(HTML.text(title))\">\n"
    out += "<title>\(HTML.text(title))</title>\n"
    for tick in axis.ticks {
      let y = number(axis.y(tick))
      out +=
        "<line class=\"grid\" x1=\"\(number(left))\" y1=\"\(y)\" x2=\"\(number(width - right))\" y2=\"\(y)\"/>"
      out +=
        "<text class=\"tick\" x=\"\(number(left - 6))\" y=\"\(y)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(HTML.text(label(tick)))</text>\n"
    }
    let base = number(top + plotHeight)
    out +=
      "<line class=\"axis\" x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(base)\"/>"
    out +=
      "<line class=\"axis\" x1=\"\(number(left))\" y1=\"\(base)\" x2=\"\(number(width - right))\" y2=\"\(base)\"/>\n"
    return out
  }

  /// Coloured swatches with names, in a row above the plot.
  static func legend(_ entries: [(name: String, colour: String, dashed: Bool)]) -> String {
    var out = ""
    var x = left
    for entry in entries {
      let dash = entry.dashed ? " stroke-dasharray=\"6 4\"" : ""
      out +=
        "<line x1=\"\(number(x))\" y1=\"14.0\" x2=\"\(number(x + 18))\" y2=\"14.0\" stroke=\"\(entry.colour)\" stroke-width=\"4\"\(dash)/>"
      out +=
        "<text class=\"legend\" x=\"\(number(x + 24))\" y=\"14.0\" dominant-baseline=\"middle\">\(HTML.text(entry.name))</text>\n"
      x += 34 + Double(TextTable.width(entry.name)) * 7
    }
    return out
  }

  /// Category labels under the x axis at the given centres; with many, every n-th is shown.
  static func xLabels(_ labels: [String], centres: [Double]) -> String {
    let every = max(1, (labels.count + 11) / 12)
    var out = ""
    for (index, label) in labels.enumerated() where index % every == 0 {
      out +=
        "<text class=\"tick\" x=\"\(number(centres[index]))\" y=\"\(number(top + plotHeight + 18))\" text-anchor=\"middle\">\(HTML.text(label))</text>\n"
    }
    return out
  }
}
