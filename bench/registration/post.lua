-- wrk: one new registration per request, each with its own email (bench/registration).
local counter = 0
local prefix = ""

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  prefix = tostring(math.random(1, 2147483647)) .. "-" .. tostring(math.random(1, 2147483647))
end

request = function()
  counter = counter + 1
  local body = '{"fullName":"مشارك تجريبي ' .. counter .. '","email":"w' .. prefix .. '-' .. counter ..
    '@example.org","category":"citizen","mode":"in_person","consent":true}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
