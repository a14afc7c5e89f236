<%@ page contentType="text/plain; charset=UTF-8" %>hello from war, <%= application.getServerInfo() %>
