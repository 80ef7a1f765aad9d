-- Drives Neovim's built-in LSP client against the LEO Lens server, as a Neovim user's config would,
-- and writes what it saw to a JSON file for test/nvim/run.mjs to judge. It is written for the
-- client API that Debian 12's Neovim 0.7 has (vim.lsp.start_client), which later versions keep.
--
-- Inputs come from the environment: LEO_LENS_SERVER (dist/server.js), LEO_LENS_FILE (the .sql file),
-- LEO_LENS_RESULT (where to write the JSON), LEO_LENS_HOVER_LINE/COL (0-based hover position) and
-- LEO_LENS_TIMEOUT_MS (how long to wait for each condition).

local env = vim.env
local timeout = tonumber(env.LEO_LENS_TIMEOUT_MS) or 20000
local result = { stage = 'start' }

local function finish(code)
  local file = assert(io.open(env.LEO_LENS_RESULT, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd('cquit ' .. code)
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(env.LEO_LENS_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  -- The language id sent in didOpen is the filetype, so set it rather than rely on detection.
  vim.bo[bufnr].filetype = 'sql'

  result.stage = 'start_client'
  local client_id = vim.lsp.start_client({
    name = 'leo-lens',
    cmd = { 'node', env.LEO_LENS_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.LEO_LENS_FILE, ':p:h'),
    -- A server that dies at start-up would otherwise show only as a time-out.
    on_exit = function(code, signal) result.server_exit = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client returned no client')
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.stage = 'initialize'
  local ready = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client ~= nil and client.initialized == true
  end, 50)
  assert(ready, result.server_exit
    and ('the server exited with code ' .. tostring(result.server_exit.code) .. ' before initializing')
    or 'the server did not finish initializing')
  result.server = vim.lsp.get_client_by_id(client_id).server_capabilities ~= nil

  -- Diagnostics arrive as a notification after didOpen; wait until some are there.
  result.stage = 'diagnostics'
  vim.wait(timeout, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    -- Neovim 0.7 keeps the LSP code only in user_data; later versions also copy it to `code`.
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(result.diagnostics, { code = code, message = d.message, line = d.lnum, col = d.col, source = d.source })
  end

  result.stage = 'hover'
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = tonumber(env.LEO_LENS_HOVER_LINE), character = tonumber(env.LEO_LENS_HOVER_COL) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  result.hover = ''
  for _, response in pairs(responses or {}) do
    local contents = response.result and response.result.contents
    if type(contents) == 'table' then
      result.hover = result.hover .. (contents.value or vim.fn.json_encode(contents))
    elseif type(contents) == 'string' then
      result.hover = result.hover .. contents
    end
  end

  -- A clean shutdown shows the server honours the LSP exit sequence, as every client expects.
  result.stage = 'shutdown'
  vim.lsp.stop_client(client_id)
  result.stopped = vim.wait(timeout, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return client == nil or client.is_stopped()
  end, 50)
  result.stage = 'done'
end)

if not ok then
  result.error = tostring(err)
  finish(1)
else
  finish(0)
end
