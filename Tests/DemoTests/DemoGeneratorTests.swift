import Testing

@Suite struct DemoGeneratorTests {}
