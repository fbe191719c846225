print("ccmsh")
