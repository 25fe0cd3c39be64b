import LTCCommandLine

LTC.main()
