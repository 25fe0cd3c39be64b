import LTCCommandLine
import LTCCore

// Every thread ltc starts comes from Threads: one worker per processor (at
// most 8) for the JSON-RPC loop and intake's lanes, each with 8 MiB of stack.
Threads.configure(Threads.Configuration(workers: Threads.Configuration.processors, stackSize: 8 << 20))
LTC.main()
