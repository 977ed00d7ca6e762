-- wrk script: GET /articles/{id} for ids drawn at random from the loader's id file (IDS env, default ids.txt)
local ids = {}

function init(args)
  local file = os.getenv("IDS") or "ids.txt"
  for line in io.lines(file) do
    ids[#ids + 1] = line
  end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8)) or 0))
end

function request()
  return wrk.format("GET", "/articles/" .. ids[math.random(1, #ids)])
end
