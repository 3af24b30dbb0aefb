import ClaimsCommandLine

#if canImport(Glibc)
  import Glibc
#endif

exit(ClaimsCommand.run(Array(CommandLine.arguments.dropFirst())))
