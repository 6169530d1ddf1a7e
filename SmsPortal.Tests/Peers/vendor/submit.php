<?php
// A client in the style of the vendor's PHP demo: a form POST built with http_build_query, the XML
// answer read with simplexml_load_string, or JSON with json_decode. Only the host differs from the demo.
// Usage: php submit.php HOST ACCOUNT APIKEY MOBILE CODE [json|dynamic]
$host = $argv[1];
$mode = $argv[6] ?? 'xml';
$post_data = array(
    'account' => $argv[2],
    'password' => $argv[3],
    'mobile' => $argv[4],
    'content' => "您的验证码是：" . $argv[5] . "。请不要把验证码泄露给其他人。",
);
if ($mode === 'dynamic') {
    $time = (string)time();
    $post_data['time'] = $time;
    $post_data['password'] = md5($argv[2] . $argv[3] . $argv[4] . $post_data['content'] . $time);
}
$url = $mode === 'json' ? $host . '/sms/Submit.json' : $host . '/webservice/sms.php?method=Submit';
$context = stream_context_create(array('http' => array(
    'method' => 'POST',
    'header' => "Content-type: application/x-www-form-urlencoded\r\n",
    'content' => http_build_query($post_data),
)));
$answer = file_get_contents($url, false, $context);
if ($mode === 'json') {
    $result = json_decode($answer, true);
    echo $result['code'], ' ', $result['msg'], ' ', $result['smsid'], "\n";
} else {
    $xml = simplexml_load_string($answer);
    echo $xml->code, ' ', $xml->msg, ' ', $xml->smsid, "\n";
}
