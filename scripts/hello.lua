print("Lunette " .. require("lunette").version .. " is ready.")
