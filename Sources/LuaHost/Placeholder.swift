// Placeholder until the LuaHost library lands.
